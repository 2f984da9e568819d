using System.Globalization;
using SupportAssist.Outcomes;

namespace SupportAssist.Api.Contracts;

/// <summary>How a feedback event's fate reads over HTTP: 204 stored or already stored, 404 unknown id, 409 conflict.</summary>
internal static class FeedbackResponses
{
    public static Results<NoContent, ValidationProblem, ProblemHttpResult> ToHttp(FeedbackResult result, string what, Guid id) => result.Status switch
    {
        FeedbackStatus.Recorded or FeedbackStatus.AlreadyRecorded => TypedResults.NoContent(),
        FeedbackStatus.Conflict => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: $"Conflicting {what} feedback",
            detail: $"The {what} {id} was already marked '{result.Existing!.Kind}' at {result.Existing.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}; the first verdict stands.",
            extensions: new Dictionary<string, object?> { ["recordedKind"] = result.Existing.Kind }),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}", detail: $"No {what} with id {id} was recorded."),
    };
}
