using SupportAssist.Retrieval;

namespace SupportAssist.Api.Contracts;

/// <summary>A help article worth reading for this question.</summary>
public sealed record SuggestedArticle(string ArticleId, string Title, string? Url, string Snippet, double Score)
{
    /// <summary>A retrieved article as deflections and drafts suggest it (the score to four places).</summary>
    public static SuggestedArticle Of(ArticleHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new(hit.ArticleId, hit.Title, hit.Url, hit.Snippet, Math.Round(hit.Score, 4));
    }
}
