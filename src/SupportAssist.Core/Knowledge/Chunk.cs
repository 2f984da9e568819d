namespace SupportAssist.Knowledge;

/// <summary>A retrievable piece of an article: one heading section, or part of a long one.</summary>
/// <param name="Id">Stable id: the article id and the first 12 hex digits of <paramref name="ContentHash"/>.</param>
/// <param name="ArticleId">The article this chunk belongs to.</param>
/// <param name="Ordinal">Position of the chunk inside its article, from 0.</param>
/// <param name="HeadingPath">Headings above the chunk joined by " > ", the title first.</param>
/// <param name="Text">The chunk's Markdown text, without its headings.</param>
/// <param name="ContentHash">SHA-256 (hex) of what gets embedded: title, heading path and text.</param>
public sealed record Chunk(
    string Id,
    string ArticleId,
    int Ordinal,
    string Title,
    string? Url,
    string HeadingPath,
    string Text,
    string ContentHash,
    ArticleAudience Audience,
    string Locale,
    string? ProductArea)
{
    /// <summary>The text an embedder sees: heading path for context, then the body.</summary>
    public string EmbeddingText => HeadingPath + "\n" + Text;
}
