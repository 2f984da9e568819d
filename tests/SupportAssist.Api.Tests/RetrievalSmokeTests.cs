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

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task Each_question_finds_its_article_in_the_top_three(string question, string articleId)
    {
        var body = await _client.GetFromJsonAsync<JsonElement>($"/v1/search?q={Uri.EscapeDataString(question)}&k=3");

        var top3 = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("articleId").GetString()).ToList();
        Assert.Contains(articleId, top3);
    }
}
