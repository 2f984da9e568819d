namespace SupportAssist.Api.Tests;

internal static class ProblemAssertions
{
    /// <summary>Asserts an RFC 7807 body with the status, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("requestId").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 validation problem naming <paramref name="field"/>, and returns that field's messages.</summary>
    public static async Task<string[]> AssertFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"expected an error for '{field}', got {errors}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }
}
