using SupportAssist.Api.Drafts;
using SupportAssist.Cases;

namespace SupportAssist.Api.Cases;

/// <summary>
/// <c>/v1/cases</c>: the contact form creates a case (public); agents list, read, draft for, reply to and change the
/// status of cases (agent key).
/// </summary>
internal static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder routes)
    {
        var contact = routes.MapGroup("/v1/cases").WithTags("Cases").ForClass(EndpointClass.Public);
        contact.MapPost("/", Create)
            .WithSummary("Contact support: create a case")
            .WithDescription("From the contact form (no key). The case is triaged and keeps what the customer saw before contacting: pass the ids of the deflections shown (each is marked contacted_support). The message and email are kept for the agent; cards, IBANs, keys and tokens are replaced. The response carries only the reference to quote.");

        var agents = routes.MapGroup("/v1/cases").WithTags("Cases").ForClass(EndpointClass.Agent);
        agents.MapGet("/", List)
            .WithSummary("List cases")
            .WithDescription("Newest first. Filters: queue, priority (P1-P4), status (open, pending, solved), minAgeMinutes, maxAgeMinutes. limit 1-100 (default 25); pass next as after for the following page.");
        agents.MapGet("/{id:guid}", Get).WithSummary("Read a case");
        agents.MapPost("/{id:guid}/drafts", Draft)
            .WithSummary("Draft a reply to a case")
            .WithDescription("As POST /v1/drafts, from the case's message; the draft is linked to the case.");
        agents.MapPost("/{id:guid}/replies", Reply)
            .WithSummary("Record the reply sent")
            .WithDescription("kind: accepted, edited (finalText required) or rejected, for a draft made for this case: recorded as the draft's feedback and on the case. An open case becomes pending unless the draft was rejected. 409 when the draft already has another verdict.");
        agents.MapPost("/{id:guid}/status", SetStatus).WithSummary("Change a case's status (open, pending, solved)");
        return routes;
    }

    private static async Task<Results<Created<CaseCreatedResponse>, ValidationProblem>> Create(CaseRequest request, CaseService cases, CaseRequestRules rules, CancellationToken cancellationToken)
    {
        if (rules.Check(request) is { IsEmpty: false } errors) return errors.ToProblem();
        var creation = await cases.CreateAsync(
            new NewCase(request.Subject!.Trim(), request.Message!.Trim(), request.ContactEmail!.Trim(), request.Locale, request.Plan, request.DeflectionIds ?? []),
            cancellationToken);
        if (creation.Case is not { } created)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["deflectionIds"] = [$"names no deflection: {string.Join(", ", creation.UnknownDeflections)}"],
            });
        }
        return TypedResults.Created($"/v1/cases/{created.Id}", new CaseCreatedResponse(created.Id, created.Reference, created.Status, created.CreatedAt));
    }

    private static async Task<Results<Ok<CasePageResponse>, ValidationProblem>> List(
        string? queue, string? priority, string? status, string? minAgeMinutes, string? maxAgeMinutes, string? limit, string? after,
        ICaseStore store, TimeProvider clock, CaseRequestRules rules, CancellationToken cancellationToken)
    {
        var (filter, errors) = rules.Check(queue, priority, status, minAgeMinutes, maxAgeMinutes, limit, after);
        if (!errors.IsEmpty) return errors.ToProblem();

        var now = clock.GetUtcNow();
        var page = await store.ListAsync(new CaseQuery(filter.Queue, filter.Priority, filter.Status,
            filter.MinAgeMinutes is { } older ? now.AddMinutes(-older) : null, filter.MaxAgeMinutes is { } newer ? now.AddMinutes(-newer) : null,
            filter.Limit, filter.After), cancellationToken);
        return TypedResults.Ok(new CasePageResponse(page.Cases.Select(CaseResponse.Of).ToList(), page.Next is { } next ? CaseRequestRules.FormatCursor(next) : null));
    }

    private static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> Get(Guid id, ICaseStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } found ? TypedResults.Ok(CaseResponse.Of(found)) : NotFound(id);

    private static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> Draft(Guid id, CaseService cases, CancellationToken cancellationToken) =>
        await cases.DraftAsync(id, cancellationToken) is { } draft ? TypedResults.Ok(DraftsApi.ToResponse(draft)) : NotFound(id);

    private static async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> Reply(
        Guid id, CaseReplyRequest request, CaseService cases, CaseRequestRules rules, HttpContext http, CancellationToken cancellationToken)
    {
        var (kind, errors) = rules.Check(request);
        if (!errors.IsEmpty) return errors.ToProblem();

        var (status, updated, existing) = await cases.RecordReplyAsync(
            id, request.DraftId!.Value, kind!.Value, request.FinalText?.Trim(), ApiKeyAuthentication.CallerName(http.User), cancellationToken);
        return status switch
        {
            ReplyStatus.Recorded => TypedResults.Ok(CaseResponse.Of(updated!)),
            ReplyStatus.UnknownCase => NotFound(id),
            ReplyStatus.UnknownDraft => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["draftId"] = ["names no draft made for this case"] }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflicting reply",
                detail: $"The draft was already marked '{existing?.Kind}'; the first verdict stands.",
                extensions: new Dictionary<string, object?> { ["recordedKind"] = existing?.Kind }),
        };
    }

    private static async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> SetStatus(
        Guid id, CaseStatusRequest request, CaseService cases, CaseRequestRules rules, CancellationToken cancellationToken)
    {
        var (status, errors) = rules.Check(request);
        if (!errors.IsEmpty) return errors.ToProblem();
        return await cases.SetStatusAsync(id, status!.Value, cancellationToken) is { } updated ? TypedResults.Ok(CaseResponse.Of(updated)) : NotFound(id);
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Case not found.", detail: $"No case with id '{id}'.");
}
