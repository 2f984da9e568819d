namespace SupportAssist.Api.Articles;

/// <summary>An article as stored.</summary>
internal sealed record ArticleResponse(
    string Id,
    string Title,
    string? Url,
    string Locale,
    ArticleAudience Audience,
    string? ProductArea,
    IReadOnlyList<string> Tags,
    string? Updated,
    string Body,
    string ContentHash,
    int Chunks,
    DateTimeOffset IndexedAt);
