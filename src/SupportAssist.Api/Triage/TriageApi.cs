using Microsoft.AspNetCore.Http.HttpResults;
using SupportAssist.Api.Hosting;
using SupportAssist.Knowledge;
using SupportAssist.Triage;

namespace SupportAssist.Api.Triage;

/// <summary><c>POST /v1/triage</c>: classify an incoming ticket for routing. An agent endpoint.</summary>
internal static class TriageApi
{
    private const int MaxSubjectChars = 300;
    private const int MaxBodyChars = 20_000;
    private static readonly string[] Channels = ["email", "chat", "web", "phone", "api"];

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
        TriageRequestBody body, TriageService triage, CancellationToken cancellationToken)
    {
        var errors = Validate(body);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var (id, result) = await triage.TriageAsync(new TriageRequest(body.Subject!.Trim(), body.Body!.Trim(), body.Channel, body.Customer?.Plan,
            body.Customer?.Country?.ToUpperInvariant(), body.Customer?.Locale, body.PreviousContacts ?? 0), cancellationToken);
        return TypedResults.Ok(new TriageResponse(id, TriageBody.Of(result)));
    }

    private static Dictionary<string, string[]> Validate(TriageRequestBody? body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null)
        {
            errors["body"] = ["is required: a JSON object with at least 'subject' and 'body'"];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(body.Subject)) errors["subject"] = ["is required and must contain text"];
        else if (body.Subject.Length > MaxSubjectChars) errors["subject"] = [$"must be at most {MaxSubjectChars} characters (got {body.Subject.Length})"];
        if (string.IsNullOrWhiteSpace(body.Body)) errors["body"] = ["is required and must contain text"];
        else if (body.Body.Length > MaxBodyChars) errors["body"] = [$"must be at most {MaxBodyChars} characters (got {body.Body.Length})"];
        if (body.Channel is not null && !Channels.Contains(body.Channel)) errors["channel"] = [$"must be one of {string.Join(", ", Channels)}"];
        if (body.PreviousContacts is < 0 or > 1000) errors["previousContacts"] = ["must be a whole number from 0 to 1000"];
        if (body.Customer is { } customer)
        {
            if (customer.Plan is not null && !CustomerFields.IsPlan(customer.Plan)) errors["customer.plan"] = [CustomerFields.PlanRule];
            if (customer.Country is not null && !CustomerFields.IsCountry(customer.Country)) errors["customer.country"] = [CustomerFields.CountryRule];
            if (customer.Locale is not null && !ArticleRules.IsValidLocale(customer.Locale)) errors["customer.locale"] = ["must be a language tag such as 'en' or 'es-MX'"];
        }
        return errors;
    }
}
