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

/// <summary>A chunk with its embedding, ready to store.</summary>
public sealed record IndexedChunk(Chunk Chunk, ReadOnlyMemory<float> Vector);
