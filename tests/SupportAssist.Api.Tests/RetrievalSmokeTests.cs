namespace SupportAssist.Api.Tests;

/// <summary>The 20 questions of <c>evals/datasets/smoke-questions.jsonl</c> each find their article in the top 3 of a public search.</summary>
public sealed class RetrievalSmokeTests(SampleHelpCenterFixture samples) : IClassFixture<SampleHelpCenterFixture>
{
    private readonly HttpClient _client = samples.Factory.CreateClient();

    public static TheoryData<string, string> Questions()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(SupportAssistFactory.RepositoryRoot, "evals", "datasets", "smoke-questions.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var item = JsonDocument.Parse(line).RootElement;
            data.Add(item.GetProperty("question").GetString()!, item.GetProperty("article").GetString()!);
        }
        return data;
    }

    [Fact]
    public void There_are_twenty_questions_over_distinct_articles()
    {
        var questions = Questions().Select(row => (string)row[1]).ToList();

        Assert.Equal(20, questions.Count);
        Assert.Equal(20, questions.Distinct().Count());
    }

    /// <summary>
    /// 18 of the 20 questions find their article in the top 3 (measured 2026-11-24), with the local encoder (the
    /// default; misses: "how much do you charge per transaction", "how do I shut down my account for good") and
    /// with the lexical embedder (misses: the "shut down" one and "when does money from my sales land in my bank
    /// account"). Raise the floor when retrieval improves; never lower it to make a change pass.
    /// </summary>
    private const int Floor = 18;

    [Fact]
    public async Task The_questions_find_their_articles_in_the_top_three()
    {
        var misses = await MissesAsync("hybrid");

        Assert.True(20 - misses.Count >= Floor, $"{20 - misses.Count} of 20 in the top 3 (floor {Floor}). Misses:\n{string.Join('\n', misses)}");
    }

    /// <summary>
    /// Each retriever alone, measured 2026-11-25 with the local encoder: BM25 19 of 20 (misses the "shut down"
    /// question), dense 16 of 20 (misses "when does money from my sales land in my bank account" at rank 11,
    /// "why is part of my balance reserved and held back" at 7, "how much do you charge per transaction" at 11
    /// and the "shut down" question at 26). The dense side is below BM25 here; these floors keep either from
    /// getting worse unnoticed. The lexical embedder also scores 16 dense.
    /// </summary>
    [Theory]
    [InlineData("bm25", 19)]
    [InlineData("dense", 16)]
    public async Task Each_retriever_alone_meets_its_floor(string mode, int floor)
    {
        var misses = await MissesAsync(mode);

        Assert.True(20 - misses.Count >= floor, $"{mode}: {20 - misses.Count} of 20 in the top 3 (floor {floor}). Misses:\n{string.Join('\n', misses)}");
    }

    private async Task<List<string>> MissesAsync(string mode)
    {
        var misses = new List<string>();
        foreach (var row in Questions())
        {
            var (question, articleId) = ((string)row[0], (string)row[1]);
            var body = await _client.GetFromJsonAsync<JsonElement>($"/v1/search?q={Uri.EscapeDataString(question)}&k=3&mode={mode}");
            var top3 = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("articleId").GetString()).ToList();
            if (!top3.Contains(articleId)) misses.Add($"'{question}' expected {articleId}, got [{string.Join(", ", top3)}]");
        }
        return misses;
    }
}
