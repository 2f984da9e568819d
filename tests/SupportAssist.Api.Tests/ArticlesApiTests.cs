namespace SupportAssist.Api.Tests;

public sealed class ArticlesApiTests : IDisposable
{
    private readonly SupportAssistFactory _factory = new();
    private readonly HttpClient _client;

    public ArticlesApiTests() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static object Article(string title = "Payout schedule", string body = "## When payouts arrive\n\nPayouts arrive every two business days.", string audience = "public") =>
        new { title, url = "https://help.example/payouts-schedule", locale = "en", audience, productArea = "payouts", tags = new[] { "payouts" }, updated = "2026-05-01", body };

    private async Task<JsonElement> SearchAsync(string q, string audience = "agent") =>
        JsonDocument.Parse(await _client.GetStringAsync($"/v1/search?q={Uri.EscapeDataString(q)}&audience={audience}")).RootElement.GetProperty("results");

    [Fact]
    public async Task Put_creates_then_reports_unchanged_then_updated()
    {
        var created = await _client.PutAsJsonAsync("/v1/articles/payouts-schedule", Article());
        var unchanged = await _client.PutAsJsonAsync("/v1/articles/payouts-schedule", Article());
        var updated = await _client.PutAsJsonAsync("/v1/articles/payouts-schedule", Article(body: "## When payouts arrive\n\nPayouts arrive daily."));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/articles/payouts-schedule", created.Headers.Location?.OriginalString);
        Assert.Equal("created", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var unchangedBody = await unchanged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("unchanged", 0), (unchangedBody.GetProperty("status").GetString(), unchangedBody.GetProperty("embedded").GetInt32()));
        Assert.Equal("updated", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("payouts-schedule", (await SearchAsync("payouts arrive daily"))[0].GetProperty("articleId").GetString());
    }

    [Fact]
    public async Task Get_returns_the_stored_article_and_404_for_an_unknown_id()
    {
        await _client.PutAsJsonAsync("/v1/articles/payouts-schedule", Article());

        var article = await _client.GetFromJsonAsync<JsonElement>("/v1/articles/payouts-schedule");
        var missing = await _client.GetAsync("/v1/articles/nope");

        Assert.Equal(("Payout schedule", "public", "payouts", 1), (article.GetProperty("title").GetString(), article.GetProperty("audience").GetString(),
            article.GetProperty("productArea").GetString(), article.GetProperty("chunks").GetInt32()));
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_removes_the_article_from_search_at_once()
    {
        await _client.PutAsJsonAsync("/v1/articles/payouts-schedule", Article());
        Assert.NotEqual(0, (await SearchAsync("payouts arrive")).GetArrayLength());

        var deleted = await _client.DeleteAsync("/v1/articles/payouts-schedule");
        var again = await _client.DeleteAsync("/v1/articles/payouts-schedule");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, (await SearchAsync("payouts arrive")).GetArrayLength());
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unpublishing_removes_the_article_from_search()
    {
        await _client.PutAsJsonAsync("/v1/articles/payouts-schedule", Article());

        var response = await _client.PutAsJsonAsync("/v1/articles/payouts-schedule", new { title = "Payout schedule", body = "x", published = false });

        Assert.Equal("unpublished", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(0, (await SearchAsync("payouts arrive")).GetArrayLength());
    }

    public static TheoryData<string, string> InvalidArticles => new()
    {
        { """{"title":"","body":"text"}""", "title" },
        { """{"title":"T"}""", "body" },
        { """{"title":"T","body":"b","audience":"everyone"}""", "audience" },
        { """{"title":"T","body":"b","locale":"english"}""", "locale" },
        { """{"title":"T","body":"b","url":"javascript:alert(1)"}""", "url" },
        { """{"title":"T","body":"b","updated":"yesterday"}""", "updated" },
        { """{"title":"T","body":"b","productArea":"Pay Outs"}""", "productArea" },
        { """{"id":"other-id","title":"T","body":"b"}""", "id" },
    };

    [Theory]
    [MemberData(nameof(InvalidArticles))]
    public async Task Put_with_a_bad_field_names_it_and_writes_nothing(string json, string field)
    {
        var response = await _client.PutAsync("/v1/articles/payouts-schedule", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/articles/payouts-schedule")).StatusCode);
    }

    [Fact]
    public async Task Put_with_an_invalid_id_is_rejected()
    {
        var response = await _client.PutAsJsonAsync("/v1/articles/Not%20An%20Id", Article());

        await response.AssertFieldErrorAsync("id");
    }

    [Theory]
    [InlineData("{\"title\": \"T\", \"body\": ")]
    [InlineData("{\"title\": 42, \"body\": \"b\"}")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public async Task Put_with_malformed_json_is_a_400_problem_saying_where(string json)
    {
        var response = await _client.PutAsync("/v1/articles/payouts-schedule", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/articles/payouts-schedule")).StatusCode);
    }

    [Fact]
    public async Task Import_takes_the_valid_lines_and_lists_the_rejected_ones_by_number()
    {
        var ndjson = string.Join('\n',
            JsonSerializer.Serialize(new { id = "fees-overview", title = "Fees overview", body = "Card payments cost 2.9% plus 30 cents." }),
            "{ this is not json",
            "",
            JsonSerializer.Serialize(new { id = "refunds-timing", title = "Refund timing", body = "Refunds take five to ten business days.", audience = "internal" }),
            JsonSerializer.Serialize(new { id = "Bad Id", title = "T", body = "b" }),
            JsonSerializer.Serialize(new { title = "No id", body = "b" }));

        var response = await _client.PostAsync("/v1/articles/import", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((5, 2), (body.GetProperty("lines").GetInt32(), body.GetProperty("created").GetInt32()));
        var rejected = body.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("errors").EnumerateObject().First().Name)).ToList();
        Assert.Equal([(2, "line"), (5, "id"), (6, "id")], rejected);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/v1/articles/refunds-timing")).StatusCode);
        Assert.Equal("fees-overview", (await SearchAsync("card payment cost"))[0].GetProperty("articleId").GetString());
    }

    [Fact]
    public async Task Import_with_no_valid_line_is_a_400_listing_every_line_and_writes_nothing()
    {
        var response = await _client.PostAsync("/v1/articles/import", new StringContent("{\"id\":\"x\"}\nnot json", Encoding.UTF8, "application/x-ndjson"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([1, 2], problem.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/articles/x")).StatusCode);
    }

    [Fact]
    public async Task Import_of_an_empty_body_or_another_content_type_is_rejected()
    {
        var empty = await _client.PostAsync("/v1/articles/import", new StringContent("\n\n", Encoding.UTF8, "application/x-ndjson"));
        var csv = await _client.PostAsync("/v1/articles/import", new StringContent("id,title", Encoding.UTF8, "text/csv"));

        await empty.AssertFieldErrorAsync("body");
        await csv.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
