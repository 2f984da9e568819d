using SupportAssist.Knowledge;

namespace SupportAssist.Answering;

/// <summary>One cited passage: where it comes from and the words the answer relies on.</summary>
public sealed record Citation(int Number, string ChunkId, string ArticleId, string Title, string? Url, string Quote)
{
    /// <summary>Who the cited article is written for; internal citations are for agents' eyes only.</summary>
    public ArticleAudience Audience { get; init; } = ArticleAudience.Public;

    /// <summary>The citation of <paramref name="passage"/> quoting <paramref name="quote"/>.</summary>
    public static Citation Of(Passage passage, string quote)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var chunk = passage.Chunk;
        return new Citation(passage.Number, chunk.Id, chunk.ArticleId, chunk.Title, chunk.Url, quote) { Audience = chunk.Audience };
    }
}
