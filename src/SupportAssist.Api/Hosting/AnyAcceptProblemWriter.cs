namespace SupportAssist.Api.Hosting;

/// <summary>
/// Writes a problem as <c>application/problem+json</c> whatever the request accepts; registered after the default
/// writer, so it only answers the requests that one declines (a streaming request's malformed body, a client that
/// sent <c>Accept: text/plain</c>). A 4xx a client can always read beats an empty one.
/// </summary>
internal sealed class AnyAcceptProblemWriter(
    Microsoft.Extensions.Options.IOptions<ProblemDetailsOptions> options, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Type ??= $"https://tools.ietf.org/html/rfc9110#section-{(problem.Status >= 500 ? "15.6" : "15.5")}";
        options.Value.CustomizeProblemDetails?.Invoke(context);
        // The runtime type, so a validation problem keeps its 'errors'; the API's options, so extensions are camelCase.
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }
}
