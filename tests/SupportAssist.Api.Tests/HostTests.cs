namespace SupportAssist.Api.Tests;

public sealed class HostTests : IDisposable
{
    private readonly SupportAssistFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        var document = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/v1/search").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/v1/articles/{id}").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/v1/articles/{id}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/v1/articles/import").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/deflections").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/deflections/{id}/feedback").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/drafts").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/drafts/{id}/feedback").TryGetProperty("post", out _));
    }

    [Fact]
    public async Task The_openapi_document_declares_the_admin_key_on_the_admin_operations_only()
    {
        var document = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        static bool NeedsKey(JsonElement operation) =>
            operation.TryGetProperty("security", out var security)
            && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("ApiKey", out _));
        var paths = document.GetProperty("paths");
        Assert.True(NeedsKey(paths.GetProperty("/v1/search").GetProperty("get")));
        Assert.True(NeedsKey(paths.GetProperty("/v1/articles/{id}").GetProperty("put")));
        Assert.True(NeedsKey(paths.GetProperty("/v1/articles/{id}").GetProperty("delete")));
        Assert.True(NeedsKey(paths.GetProperty("/v1/articles/import").GetProperty("post")));
        Assert.True(NeedsKey(paths.GetProperty("/v1/drafts").GetProperty("post")), "drafts read internal articles");
        Assert.True(NeedsKey(paths.GetProperty("/v1/drafts/{id}/feedback").GetProperty("post")));
        Assert.True(NeedsKey(paths.GetProperty("/v1/triage").GetProperty("post")), "triage is for agents and routing");
        Assert.False(NeedsKey(paths.GetProperty("/v1/deflections").GetProperty("post")), "deflection is for end users");
        Assert.False(NeedsKey(paths.GetProperty("/v1/deflections/{id}/feedback").GetProperty("post")), "feedback comes from end users");
        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/health", StringComparison.Ordinal)))
            foreach (var operation in path.Value.EnumerateObject())
                Assert.False(NeedsKey(operation.Value), $"{path.Name} must not need a key");
    }

    [Fact]
    public async Task The_interactive_reference_page_is_served()
    {
        var response = await _factory.CreateClient().GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_that_problems_repeat()
    {
        var response = await _factory.CreateClient().GetAsync("/v1/search");

        var header = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(header, problem.GetProperty("requestId").GetString());
    }
}
