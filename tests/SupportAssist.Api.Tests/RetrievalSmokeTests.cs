using System.Net.Http.Json;
using System.Text.Json;

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
        var misses = new List<string>();
        foreach (var row in Questions())
        {
            var (question, articleId) = ((string)row[0], (string)row[1]);
            var body = await _client.GetFromJsonAsync<JsonElement>($"/v1/search?q={Uri.EscapeDataString(question)}&k=3");
            var top3 = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("articleId").GetString()).ToList();
            if (!top3.Contains(articleId)) misses.Add($"'{question}' expected {articleId}, got [{string.Join(", ", top3)}]");
        }

        Assert.True(20 - misses.Count >= Floor, $"{20 - misses.Count} of 20 in the top 3 (floor {Floor}). Misses:\n{string.Join('\n', misses)}");
    }
}
