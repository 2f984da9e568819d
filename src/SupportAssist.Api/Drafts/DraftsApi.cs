using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupportAssist.Api.Deflections;
using SupportAssist.Api.Hosting;
using SupportAssist.Api.Outcomes;
using SupportAssist.Api.Triage;
using SupportAssist.Deflection;
using SupportAssist.Drafting;
using SupportAssist.Knowledge;

namespace SupportAssist.Api.Drafts;

/// <summary><c>POST /v1/drafts</c>: drafted replies for support agents. It reads internal articles, so it takes an agent key.</summary>
internal static class DraftsApi
{
    public static RouteGroupBuilder MapDraftsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/drafts").WithTags("Drafts").ForClass(EndpointClass.Agent);
        group.MapPost("/", Draft)
            .WithSummary("Draft a reply to a ticket")
            .WithDescription("Retrieves public and internal articles for the customer's latest message and drafts a reply in the ticket's language and the configured tone, citing public articles as [n]; internal articles guide the agent and are never cited in the reply. With no LLM configured the draft is extractive (quoted sentences in fixed phrases, mode 'extractive').");
        group.MapPost("/{id:guid}/feedback", RecordFeedback)
            .WithSummary("Record what the agent did with a draft")
            .WithDescription("kind: accepted, edited (finalText required: the reply sent) or rejected. One verdict per draft: the same again is accepted without a second record (204), a different one gives 409. Texts are redacted before they are stored: personal data, and the customer's name (customerName, or the name the reply greets them with where the draft had its [NAME] placeholder) becomes [NAME]. 404 when the draft id is unknown.");
        return group;
    }

    private static async Task<Results<Ok<DraftResponse>, ValidationProblem>> Draft(
        DraftRequestBody body, DraftService drafts, IOptions<DraftOptions> options, CancellationToken cancellationToken)
    {
        var errors = Validate(body, options.Value);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var customer = body.Customer;
        var ticket = new Ticket(body.Subject!.Trim(), body.Body!.Trim(),
            (body.Thread ?? []).Select(m => new TicketMessage(m!.Role == "agent" ? MessageRole.Agent : MessageRole.Customer, m.Text!.Trim())).ToList(),
            new CustomerInfo(customer?.Name?.Trim(), customer?.Plan, customer?.Country?.ToUpperInvariant(), customer?.Locale));
        var result = await drafts.DraftAsync(ticket, cancellationToken);
        return TypedResults.Ok(ToResponse(result));
    }

    /// <summary>A draft as agents read it (also for drafts made for a case).</summary>
    public static DraftResponse ToResponse(DraftResult result) =>
        new(
            result.Id,
            result.Language.Code,
            new DraftReply(result.Reply.Text, DeflectionService.ModeName(result.Reply.Mode), result.Reply.Composer),
            result.Reply.Citations.Select(DeflectionsApi.ToCitation).ToList(),
            new DraftSummary(result.Summary.Text, DeflectionService.ModeName(result.Summary.Mode)),
            result.SuggestedArticles.Select(DeflectionsApi.ToSuggestion).ToList(),
            result.Reasons,
            result.Degraded,
            result.Triage is null ? null : TriageBody.Of(result.Triage));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RecordFeedback(
        Guid id, DraftFeedbackBody body, DraftService drafts, IOptions<DraftOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DraftFeedbackKind? kind = body?.Kind switch
        {
            "accepted" => DraftFeedbackKind.Accepted,
            "edited" => DraftFeedbackKind.Edited,
            "rejected" => DraftFeedbackKind.Rejected,
            _ => null,
        };
        var maxChars = options.Value.MaxMessageChars;
        if (kind is null) errors["kind"] = ["must be 'accepted', 'edited' or 'rejected'"];
        if (kind == DraftFeedbackKind.Edited && string.IsNullOrWhiteSpace(body?.FinalText)) errors["finalText"] = ["is required when kind is 'edited': the reply the agent sent"];
        else if (kind is not null and not DraftFeedbackKind.Edited && body?.FinalText is not null) errors["finalText"] = ["is only taken when kind is 'edited'"];
        else if (body?.FinalText is { Length: var length } && length > maxChars) errors["finalText"] = [$"must be at most {maxChars} characters (got {length})"];
        if (body?.Comment is { Length: > MaxCommentChars }) errors["comment"] = [$"must be at most {MaxCommentChars} characters (got {body.Comment.Length})"];
        if (body?.CustomerName is { } name && (name.Trim().Length is 0 or > 100 || name.Any(char.IsControl)))
            errors["customerName"] = ["must be 1-100 characters without control characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await drafts.RecordFeedbackAsync(id, kind!.Value, body!.FinalText?.Trim(), body.Comment, cancellationToken, body.CustomerName?.Trim());
        return FeedbackResponses.ToHttp(result, "draft", id);
    }

    private const int MaxCommentChars = 2000;

    private static Dictionary<string, string[]> Validate(DraftRequestBody? body, DraftOptions settings)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null)
        {
            errors["body"] = ["is required: a JSON object with at least 'subject' and 'body'"];
            return errors;
        }
        Text(errors, "subject", body.Subject, settings.MaxSubjectChars);
        Text(errors, "body", body.Body, settings.MaxMessageChars);
        if (body.Thread is { Count: var count } && count > settings.MaxThreadMessages)
            errors["thread"] = [$"must have at most {settings.MaxThreadMessages} messages (got {count})"];
        else
        {
            for (var i = 0; i < (body.Thread?.Count ?? 0); i++)
            {
                var message = body.Thread![i];
                if (message is null)
                {
                    errors[$"thread[{i}]"] = ["must be an object with 'role' and 'text'"];
                    continue;
                }
                if (message.Role is not ("customer" or "agent")) errors[$"thread[{i}].role"] = ["must be 'customer' or 'agent'"];
                Text(errors, $"thread[{i}].text", message.Text, settings.MaxMessageChars);
            }
        }
        if (body.Customer is { } customer)
        {
            if (customer.Name is not null && (customer.Name.Trim().Length is 0 or > 100 || customer.Name.Any(char.IsControl)))
                errors["customer.name"] = ["must be 1-100 characters without control characters"];
            if (customer.Plan is not null && !CustomerFields.IsPlan(customer.Plan)) errors["customer.plan"] = [CustomerFields.PlanRule];
            if (customer.Country is not null && !CustomerFields.IsCountry(customer.Country)) errors["customer.country"] = [CustomerFields.CountryRule];
            if (customer.Locale is not null && !ArticleRules.IsValidLocale(customer.Locale)) errors["customer.locale"] = ["must be a language tag such as 'en' or 'es-MX'"];
        }
        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["is required and must contain text"];
        else if (value.Length > maxChars) errors[field] = [$"must be at most {maxChars} characters (got {value.Length})"];
    }
}
