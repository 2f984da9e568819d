using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
