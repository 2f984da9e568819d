using System.Net.Http.Headers;

namespace SupportAssist.Api.Tests;

/// <summary>
/// Every client mistake is a problem+json 4xx carrying the request id (in the body and the X-Request-Id header),
/// on every path: streams, empty bodies, wrong content types, type errors; none is logged above Information.
/// </summary>
public sealed class ClientErrorTests : IDisposable
{
    private readonly SupportAssistFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<HttpResponseMessage> PostAsync(string path, string? body, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await _factory.CreateClient().SendAsync(request);
    }

    private static async Task AssertClientErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.AssertProblemAsync(status);
        Assert.Equal(problem.GetProperty("requestId").GetString(), response.Headers.GetValues("X-Request-Id").Single());
        var text = problem.ToString();
        Assert.DoesNotContain("Implicit body", text, StringComparison.Ordinal);
        Assert.DoesNotContain("parameter \"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"question\": 1}")]
    [InlineData("{\"question\": \"\"}")]
    public async Task A_malformed_streaming_request_gets_a_problem_and_logs_nothing_above_information(string body)
    {
        var response = await PostAsync("/v1/deflections", body, accept: "text/event-stream");

        await AssertClientErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(_factory.Log.AboveInformation());
    }

    [Theory]
    [InlineData("{\"question\": 1}", "text/event-stream", "question")]
    [InlineData("{\"question\": \"\"}", "text/event-stream", "question")]
    [InlineData("{\"question\": \"refunds\", \"locale\": \"???\"}", "text/plain", "locale")]
    public async Task A_problem_for_a_client_that_does_not_accept_JSON_still_names_the_field(string body, string accept, string field)
    {
        var response = await PostAsync("/v1/deflections", body, accept: accept);

        await response.AssertFieldErrorAsync(field);
    }

    [Theory]
    [InlineData("/v1/deflections", null)]
    [InlineData("/v1/deflections", "")]
    [InlineData("/v1/drafts", "")]
    [InlineData("/v1/triage", "")]
    [InlineData("/v1/deflections/00000000-0000-0000-0000-000000000001/feedback", "")]
    public async Task An_empty_body_is_a_problem_without_framework_internals(string path, string? body)
    {
        var response = await PostAsync(path, body);

        await AssertClientErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(_factory.Log.AboveInformation());
    }

    [Theory]
    [InlineData("/v1/deflections", "text/plain")]
    [InlineData("/v1/deflections", "application/x-www-form-urlencoded")]
    [InlineData("/v1/triage", "text/xml")]
    public async Task A_wrong_content_type_is_a_415_problem(string path, string contentType)
    {
        var response = await PostAsync(path, "{\"question\": \"refunds\"}", contentType);

        await AssertClientErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(_factory.Log.AboveInformation());
    }

    [Theory]
    [InlineData("/v1/deflections", "{\"question\": 1}", "question")]
    [InlineData("/v1/deflections", "{\"question\": \"refunds\", \"locale\": [\"en\"]}", "locale")]
    [InlineData("/v1/triage", "{\"subject\": \"s\", \"body\": \"b\", \"previousContacts\": \"two\"}", "previousContacts")]
    [InlineData("/v1/drafts", "{\"subject\": \"s\", \"body\": \"b\", \"customer\": {\"name\": 5}}", "customer.name")]
    public async Task A_type_error_names_the_field_in_errors(string path, string body, string field)
    {
        var response = await PostAsync(path, body);

        var messages = await response.AssertFieldErrorAsync(field);
        Assert.NotEmpty(messages);
        Assert.Empty(_factory.Log.AboveInformation());
    }
}
