namespace SupportAssist.Knowledge;

/// <summary>A help-center article as written by its authors: front matter plus a Markdown body.</summary>
/// <param name="Id">Stable identifier, lowercase letters, digits and dashes.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Url">Where the article is published, if anywhere.</param>
/// <param name="Locale">BCP 47 language tag such as <c>en</c> or <c>es-MX</c>.</param>
/// <param name="Audience">Public, or internal (agents only).</param>
/// <param name="ProductArea">The product area slug, such as <c>refunds</c>.</param>
/// <param name="Tags">Free-form tags.</param>
/// <param name="Updated">When the content last changed.</param>
/// <param name="Body">Markdown body without front matter.</param>
/// <param name="Published">An unpublished article is removed from the index.</param>
public sealed record Article(
    string Id,
    string Title,
    string? Url,
    string Locale,
    ArticleAudience Audience,
    string? ProductArea,
    IReadOnlyList<string> Tags,
    DateOnly? Updated,
    string Body,
    bool Published = true);
