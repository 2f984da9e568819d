namespace SupportAssist.Knowledge;

/// <summary>Parsing and visibility rules shared by every store and endpoint.</summary>
public static class AudienceRules
{
    /// <summary>Whether a reader of <paramref name="audience"/> may see an article written for <paramref name="articleAudience"/>.</summary>
    public static bool CanSee(this Audience audience, ArticleAudience articleAudience) =>
        articleAudience == ArticleAudience.Public || audience == Audience.Agent;

    /// <summary>Parses <c>public</c> or <c>agent</c> (case-insensitive).</summary>
    public static bool TryParseAudience(string? value, out Audience audience)
    {
        audience = Audience.Public;
        if (string.Equals(value, "public", StringComparison.OrdinalIgnoreCase)) return true;
        if (!string.Equals(value, "agent", StringComparison.OrdinalIgnoreCase)) return false;
        audience = Audience.Agent;
        return true;
    }

    /// <summary>Parses <c>public</c> or <c>internal</c> (case-insensitive).</summary>
    public static bool TryParseArticleAudience(string? value, out ArticleAudience audience)
    {
        audience = ArticleAudience.Public;
        if (string.Equals(value, "public", StringComparison.OrdinalIgnoreCase)) return true;
        if (!string.Equals(value, "internal", StringComparison.OrdinalIgnoreCase)) return false;
        audience = ArticleAudience.Internal;
        return true;
    }
}
