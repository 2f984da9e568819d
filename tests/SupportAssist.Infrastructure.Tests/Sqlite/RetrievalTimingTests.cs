using Microsoft.Extensions.Time.Testing;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>The retriever's timings are read from its clock: each phase reports exactly the time that passed on it.</summary>
public sealed class RetrievalTimingTests
{
    [Fact]
    public async Task Each_phase_and_the_total_report_the_time_that_passed_on_the_retrievers_clock()
    {
        using var kb = new TestKnowledgeBase();
        await kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", "Payouts arrive every two business days."), CancellationToken.None);
        var clock = new FakeTimeProvider();
        var retriever = new HybridRetriever(
            new SlowEmbedder(kb.Embedder, clock, TimeSpan.FromMilliseconds(7)),
            new SearchIndexes(new SlowVectorIndex(kb.VectorIndex, clock, TimeSpan.FromMilliseconds(11)), new SlowKeywordIndex(kb.KeywordIndex, clock, TimeSpan.FromMilliseconds(13))),
            Options.Create(new RetrievalOptions()), NullLogger<HybridRetriever>.Instance, clock: clock);

        var result = await retriever.RetrieveAsync(new RetrievalQuery("payout days", new RetrievalFilter(Audience.Public), 3), CancellationToken.None);

        Assert.False(result.Degraded);
        Assert.Equal(new RetrievalTimings(EmbedMs: 7, DenseMs: 11, KeywordMs: 13, TotalMs: 31), result.Timings);
    }

    // Stand-ins that take a known time on the fake clock, so the timings have an exact expected value.
    private sealed class SlowEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner, FakeTimeProvider clock, TimeSpan takes)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            clock.Advance(takes);
            return base.GenerateAsync(values, options, cancellationToken);
        }
    }

    private sealed class SlowVectorIndex(IVectorIndex inner, FakeTimeProvider clock, TimeSpan takes) : IVectorIndex
    {
        public Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
        {
            clock.Advance(takes);
            return inner.SearchAsync(query, filter, limit, cancellationToken);
        }

        public Task<string?> GetEmbedderAsync(CancellationToken cancellationToken) => inner.GetEmbedderAsync(cancellationToken);
    }

    private sealed class SlowKeywordIndex(IKeywordIndex inner, FakeTimeProvider clock, TimeSpan takes) : IKeywordIndex
    {
        public Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
        {
            clock.Advance(takes);
            return inner.SearchAsync(query, filter, limit, cancellationToken);
        }
    }
}
