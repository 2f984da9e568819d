using System.Text.RegularExpressions;

namespace SupportAssist.Knowledge;

/// <summary>What makes an article acceptable, whichever way it arrives (folder, PUT, NDJSON import).</summary>
public static partial class ArticleRules
{
    /// <summary>Longest article id.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 300;

    /// <summary>Longest Markdown body, in characters.</summary>
    public const int MaxBodyLength = 200_000;

    /// <summary>Most tags on one article.</summary>
    public const int MaxTags = 20;

    /// <summary>Longest tag.</summary>
    public const int MaxTagLength = 64;

    /// <summary>Validates an article; the keys of the result are field names (camelCase), empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!IsValidId(article.Id))
            errors["id"] = [$"must be 1-{MaxIdLength} characters of lowercase letters, digits and dashes, starting with a letter or digit"];
        if (string.IsNullOrWhiteSpace(article.Title))
            errors["title"] = ["is required"];
        else if (article.Title.Length > MaxTitleLength)
            errors["title"] = [$"must be at most {MaxTitleLength} characters"];
        if (article.Url is not null && !IsHttpUrl(article.Url))
            errors["url"] = ["must be an absolute http or https URL"];
        if (!IsValidLocale(article.Locale))
            errors["locale"] = ["must be a language tag such as 'en' or 'es-MX'"];
        if (article.ProductArea is not null && !SlugPattern().IsMatch(article.ProductArea))
            errors["productArea"] = ["must be a lowercase slug of letters, digits and dashes (at most 64)"];
        if (article.Tags.Count > MaxTags || article.Tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > MaxTagLength))
            errors["tags"] = [$"at most {MaxTags} non-empty tags of at most {MaxTagLength} characters"];
        if (string.IsNullOrWhiteSpace(article.Body))
            errors["body"] = ["is required"];
        else if (article.Body.Length > MaxBodyLength)
            errors["body"] = [$"must be at most {MaxBodyLength} characters"];
        return errors;
    }

    /// <summary>Whether <paramref name="id"/> is a valid article id.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 0 and <= MaxIdLength } && IdPattern().IsMatch(id);

    /// <summary>Whether <paramref name="locale"/> looks like a BCP 47 language tag.</summary>
    public static bool IsValidLocale(string? locale) => locale is { Length: <= 35 } && LocalePattern().IsMatch(locale);

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LocalePattern();
}
