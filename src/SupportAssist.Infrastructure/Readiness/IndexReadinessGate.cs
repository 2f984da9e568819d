using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Readiness;

/// <summary>
/// Searches wait for the start-up index: until it is ready, a query gets <see cref="NotReadyException"/> (503 with
/// Retry-After) instead of answers from half an index.
/// </summary>
public sealed class IndexReadinessGate(IVectorIndex vectors, IKeywordIndex keywords, ReadinessComponent index) : IVectorIndex, IKeywordIndex
{
    public Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
    {
        ThrowUnlessReady();
        return vectors.SearchAsync(query, filter, limit, cancellationToken);
    }

    public Task<string?> GetEmbedderAsync(CancellationToken cancellationToken)
    {
        ThrowUnlessReady();
        return vectors.GetEmbedderAsync(cancellationToken);
    }

    public Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
    {
        ThrowUnlessReady();
        return keywords.SearchAsync(query, filter, limit, cancellationToken);
    }

    private void ThrowUnlessReady()
    {
        if (index.State != ReadinessState.Ready) throw index.NotReady();
    }
}
