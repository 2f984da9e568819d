using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// Turns <see cref="BadHttpRequestException"/> (malformed JSON, a value of the wrong type, an empty or missing body,
/// bad route values, oversized bodies) into a 4xx problem. A JSON error names its field in <c>errors</c> (by its path:
/// <c>question</c>, <c>customer.name</c>, <c>thread[0].text</c>); the framework's own wording never reaches the client.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        httpContext.Response.StatusCode = bad.StatusCode;
        var (field, message) = Describe(bad);
        ProblemDetails problem = field is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
        problem.Status = bad.StatusCode;
        problem.Title = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON.",
            _ => "The request could not be read.",
        };
        problem.Detail = message;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private static (string? Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var where = $"(line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})";
            // A value of the wrong type has a path to it; a syntax error is about the body as a whole.
            return field is null
                ? ("body", $"is not valid JSON {where}")
                : (field, $"has the wrong type or is not valid JSON {where}");
        }
        return exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => (null, "The request body is larger than this endpoint accepts."),
            StatusCodes.Status415UnsupportedMediaType => (null, "Send the body as application/json."),
            _ when exception.Message.StartsWith("Implicit body", StringComparison.Ordinal) || exception.Message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase)
                => ("body", "is required: a JSON object"),
            _ when exception.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) => (null, "Send the body as application/json."),
            _ => (null, "The request could not be read."),
        };
    }

    // "$.customer.name" → "customer.name", "$.thread[0].text" → "thread[0].text", "$['odd key']" → "odd key"; "$" → none.
    internal static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        field = field.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
        return field.Length == 0 ? null : field;
    }
}
