using SupportAssist.Answering;

namespace SupportAssist.Api.Contracts;

/// <summary>A cited passage: <c>[number]</c> in the text refers to it. <c>audience</c> is <c>internal</c> for agents-only articles.</summary>
public sealed record CitationBody(int Number, string ChunkId, string ArticleId, string Title, string? Url, string Quote, ArticleAudience Audience)
{
    /// <summary>A citation as deflections and drafts show it.</summary>
    public static CitationBody Of(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        return new(citation.Number, citation.ChunkId, citation.ArticleId, citation.Title, citation.Url, citation.Quote, citation.Audience);
    }
}
