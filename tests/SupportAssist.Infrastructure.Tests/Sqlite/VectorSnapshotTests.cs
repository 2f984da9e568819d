namespace SupportAssist.Infrastructure.Tests.Sqlite;

public sealed class VectorSnapshotTests
{
    private static Chunk ChunkOf(int i, ArticleAudience audience = ArticleAudience.Public) =>
        new($"a{i}#c", $"a{i}", 0, "T", null, "T", "x", $"h{i}", audience, i % 2 == 0 ? "en" : "es", null);

    [Theory]
    [InlineData(500)]
    [InlineData(20_000)] // large enough to be scanned in one partition per core
    public void Top_k_equals_a_full_sort_by_cosine(int count)
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, count)
            .Select(i => new IndexedChunk(ChunkOf(i), Enumerable.Range(0, 32).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()))
            .ToList();
        var query = Enumerable.Range(0, 32).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var snapshot = VectorSnapshot.Of(32, rows);

        var hits = snapshot.Search(query.AsMemory(), new RetrievalFilter(Audience.Public, "es"), 10);

        var expected = rows.Where(r => r.Chunk.Locale == "es")
            .Select(r => (r.Chunk.Id, Score: Cosine(query, r.Vector.ToArray())))
            .OrderByDescending(x => x.Score).Take(10).ToList();
        Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Chunk.Id));
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Score, hits[i].Score, 5);
    }

    [Fact]
    public void Vectors_of_another_dimension_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => VectorSnapshot.Of(4, [new IndexedChunk(ChunkOf(1), new float[3])]));

        Assert.Contains("Re-index", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_query_or_an_unknown_locale_finds_nothing()
    {
        var snapshot = VectorSnapshot.Of(2, [new IndexedChunk(ChunkOf(0), new float[] { 1, 0 })]);

        Assert.Empty(snapshot.Search(new float[] { 0, 0 }.AsMemory(), new RetrievalFilter(Audience.Public), 5));
        Assert.Empty(snapshot.Search(new float[] { 1, 0 }.AsMemory(), new RetrievalFilter(Audience.Public, "de"), 5));
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return dot / Math.Sqrt(na * nb);
    }
}
