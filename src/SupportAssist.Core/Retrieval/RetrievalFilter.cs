using SupportAssist.Knowledge;

namespace SupportAssist.Retrieval;

/// <summary>
/// Restricts a search. Every index applies it inside its query, so an end user's search can never
/// be handed an internal chunk and filter it out afterwards.
/// </summary>
/// <param name="Audience">Who is asking.</param>
/// <param name="Locale">Only chunks in this language (matched on the primary subtag: <c>es</c> matches <c>es-MX</c>), or any.</param>
/// <param name="ProductArea">Only chunks of this product area, or any.</param>
public sealed record RetrievalFilter(Audience Audience, string? Locale = null, string? ProductArea = null)
{
    /// <summary>The primary language subtag of <see cref="Locale"/>, lowercase, or null.</summary>
    public string? Language => Locale is null ? null : LanguageOf(Locale);

    /// <summary>Whether a chunk passes the filter.</summary>
    public bool Matches(ArticleAudience audience, string locale, string? productArea) =>
        Audience.CanSee(audience)
        && (Language is null || string.Equals(LanguageOf(locale), Language, StringComparison.Ordinal))
        && (ProductArea is null || string.Equals(productArea, ProductArea, StringComparison.Ordinal));

    /// <summary>The primary subtag of a language tag, lowercase: <c>es-MX</c> gives <c>es</c>.</summary>
    public static string LanguageOf(string locale)
    {
        ArgumentNullException.ThrowIfNull(locale);
        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? locale : locale[..dash]).ToLowerInvariant();
    }
}
