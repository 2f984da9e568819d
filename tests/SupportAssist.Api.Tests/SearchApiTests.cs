namespace SupportAssist.Api.Tests;

public sealed class SearchApiTests(SampleHelpCenterFixture samples) : IClassFixture<SampleHelpCenterFixture>
{
    private readonly HttpClient _client = samples.Factory.CreateClient();

    [Fact]
    public async Task Results_are_ranked_articles_with_snippets_scores_and_retrievers()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/v1/search?q=how%20do%20I%20refund%20a%20customer&k=3");

        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal([1, 2, 3], results.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.All(results, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("snippet").GetString()));
            Assert.InRange(r.GetProperty("score").GetDouble(), 0.0, 1.0);
            Assert.NotEmpty(r.GetProperty("foundBy").EnumerateArray());
            Assert.StartsWith(r.GetProperty("articleId").GetString()! + "#", r.GetProperty("chunkId").GetString(), StringComparison.Ordinal);
        });
        Assert.True(results[0].GetProperty("score").GetDouble() >= results[1].GetProperty("score").GetDouble());
        Assert.Equal(("public", "hybrid", false), (body.GetProperty("audience").GetString(), body.GetProperty("mode").GetString(), body.GetProperty("degraded").GetBoolean()));
    }

    [Theory]
    [InlineData("bm25", "bm25")]
    [InlineData("dense", "dense")]
    public async Task A_single_retriever_can_be_chosen(string mode, string retriever)
    {
        var body = await _client.GetFromJsonAsync<JsonElement>($"/v1/search?q=refund&mode={mode}");

        Assert.All(body.GetProperty("results").EnumerateArray(), r => Assert.Equal([retriever], r.GetProperty("foundBy").EnumerateArray().Select(x => x.GetString())));
    }

    [Fact]
    public async Task Locale_filter_returns_only_that_language()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/v1/search?q=reembolso&locale=es&k=10");

        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal("es", r.GetProperty("locale").GetString()));
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "/v1/search", "q" },
        { "/v1/search?q=%20%20", "q" },
        { "/v1/search?q=" + new string('a', 2001), "q" },
        { "/v1/search?q=refund&k=0", "k" },
        { "/v1/search?q=refund&k=51", "k" },
        { "/v1/search?q=refund&k=abc", "k" },
        { "/v1/search?q=refund&k=-1", "k" },
        { "/v1/search?q=refund&audience=internal", "audience" },
        { "/v1/search?q=refund&audience=admin", "audience" },
        { "/v1/search?q=refund&locale=english", "locale" },
        { "/v1/search?q=refund&productArea=Pay%20Outs", "productArea" },
        { "/v1/search?q=refund&mode=semantic", "mode" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string url, string field)
    {
        var response = await _client.GetAsync(url);

        var messages = await response.AssertFieldErrorAsync(field);
        Assert.NotEmpty(messages[0]);
    }
}
