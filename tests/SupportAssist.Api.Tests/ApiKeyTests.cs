namespace SupportAssist.Api.Tests;

public sealed class ApiKeyTests : IDisposable
{
    private const string Key = "test-admin-key-0123456789";
    private readonly SupportAssistFactory _factory = new(settings: new Dictionary<string, string?> { ["SupportAssist:Security:AdminApiKeys:0"] = Key });

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    [InlineData("test-admin-key-012345678")]
    public async Task Admin_endpoints_refuse_a_missing_or_wrong_key_and_write_nothing(string? key)
    {
        var client = _factory.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var search = await client.GetAsync("/v1/search?q=refund");
        var put = await client.PutAsJsonAsync("/v1/articles/fees-overview", new { title = "Fees", body = "Fees." });

        var draft = await client.PostAsJsonAsync("/v1/drafts", new { subject = "Refund", body = "How do I refund a payment?" });
        var draftFeedback = await client.PostAsJsonAsync($"/v1/drafts/{Guid.NewGuid()}/feedback", new { kind = "accepted" });
        var triage = await client.PostAsJsonAsync("/v1/triage", new { subject = "Refund", body = "How do I refund a payment?" });

        await search.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await put.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await draft.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await draftFeedback.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await triage.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", search.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var authorized = _factory.CreateClient();
        authorized.DefaultRequestHeaders.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.NotFound, (await authorized.GetAsync("/v1/articles/fees-overview")).StatusCode);
    }

    [Fact]
    public async Task The_configured_key_opens_them()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var put = await client.PutAsJsonAsync("/v1/articles/fees-overview", new { title = "Fees", body = "Card payments cost 2.9%." });
        var search = await client.GetAsync("/v1/search?q=card%20fees");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_api_document_stay_anonymous(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync(path)).StatusCode);
}
