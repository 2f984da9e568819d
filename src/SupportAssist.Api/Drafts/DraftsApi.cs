using SupportAssist.Drafting;

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
        DraftRequestBody body, DraftService drafts, DraftRequestRules rules, CancellationToken cancellationToken)
    {
        if (rules.Check(body) is { IsEmpty: false } errors) return errors.ToProblem();

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
            new DraftReply(result.Reply.Text, result.Reply.Mode, result.Reply.Composer),
            result.Reply.Citations.Select(CitationBody.Of).ToList(),
            new DraftSummary(result.Summary.Text, result.Summary.Mode),
            result.SuggestedArticles.Select(SuggestedArticle.Of).ToList(),
            result.Reasons,
            result.Degraded,
            result.Triage is null ? null : TriageBody.Of(result.Triage));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RecordFeedback(
        Guid id, DraftFeedbackBody body, DraftService drafts, DraftRequestRules rules, CancellationToken cancellationToken)
    {
        var (kind, errors) = rules.Check(body);
        if (!errors.IsEmpty) return errors.ToProblem();

        var result = await drafts.RecordFeedbackAsync(id, kind!.Value, body!.FinalText?.Trim(), body.Comment, cancellationToken, body.CustomerName?.Trim());
        return FeedbackResponses.ToHttp(result, "draft", id);
    }
}
