using SupportAssist.Triage;

namespace SupportAssist.Api.Triage;

/// <summary><c>POST /v1/triage</c>: classify an incoming ticket for routing. An agent endpoint.</summary>
internal static class TriageApi
{
    public static RouteGroupBuilder MapTriageApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/triage").WithTags("Triage").ForClass(EndpointClass.Agent);
        group.MapPost("/", Triage)
            .WithSummary("Triage a ticket: intent, category, priority, queue, sentiment, language, personal data")
            .WithDescription("The intent comes from the trained classifier; below its out-of-scope threshold the intent is 'unknown' and the ticket goes to the human review queue. Priority and queue come from the rules file (SupportAssist:Triage:RulesFile). 503 when no triage model is loaded (with Retry-After while it is still loading after start-up).");
        return group;
    }

    // No model (missing, or still loading after start-up) is a TriageUnavailableException, answered 503 by its handler.
    private static async Task<Results<Ok<TriageResponse>, ValidationProblem>> Triage(
        TriageRequestBody body, TriageService triage, TriageRequestRules rules, CancellationToken cancellationToken)
    {
        if (rules.Check(body) is { IsEmpty: false } errors) return errors.ToProblem();
        var (id, result) = await triage.TriageAsync(new TriageRequest(body.Subject!.Trim(), body.Body!.Trim(), body.Channel, body.Customer?.Plan,
            body.Customer?.Country?.ToUpperInvariant(), body.Customer?.Locale, body.PreviousContacts ?? 0), cancellationToken);
        return TypedResults.Ok(new TriageResponse(id, TriageBody.Of(result)));
    }
}
