using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAssist.Api.Drafts;
using SupportAssist.Api.Hosting;
using SupportAssist.Cases;
using SupportAssist.Drafting;
using SupportAssist.Knowledge;
using SupportAssist.Triage;

namespace SupportAssist.Api.Cases;

/// <summary>
/// <c>/v1/cases</c>: the contact form creates a case (public); agents list, read, draft for, reply to and change the
/// status of cases (agent key).
/// </summary>
internal static class CasesApi
{
    public const int MaxSubjectChars = 300;
    public const int MaxMessageChars = 10_000;
    public const int MaxDeflections = 10;
    private const int DefaultLimit = 25;
    private const int MaxLimit = 100;

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

    private static async Task<Results<Created<CaseCreatedResponse>, ValidationProblem>> Create(CaseRequest request, CaseService cases, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
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
        return TypedResults.Created($"/v1/cases/{created.Id}", new CaseCreatedResponse(created.Id, created.Reference, CaseResponse.StatusName(created.Status), created.CreatedAt));
    }

    private static async Task<Results<Ok<CasePageResponse>, ValidationProblem>> List(
        string? queue, string? priority, string? status, string? minAgeMinutes, string? maxAgeMinutes, string? limit, string? after,
        ICaseStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Priority? priorityFilter = null;
        if (priority is not null)
        {
            if (Enum.TryParse<Priority>(priority, ignoreCase: true, out var p) && Enum.IsDefined(p) && priority.Length == 2) priorityFilter = p;
            else errors["priority"] = ["must be P1, P2, P3 or P4"];
        }
        CaseStatus? statusFilter = null;
        if (status is not null)
        {
            if (TryParseStatus(status, out var s)) statusFilter = s;
            else errors["status"] = ["must be open, pending or solved"];
        }
        if (queue is not null && (queue.Length is 0 or > 100)) errors["queue"] = ["must be 1-100 characters"];
        var minAge = Minutes(errors, "minAgeMinutes", minAgeMinutes);
        var maxAge = Minutes(errors, "maxAgeMinutes", maxAgeMinutes);
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            errors["limit"] = [$"must be a whole number from 1 to {MaxLimit}"];
        CaseCursor? cursor = null;
        if (after is not null && (cursor = ParseCursor(after)) is null) errors["after"] = ["must be the 'next' of a previous page"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = clock.GetUtcNow();
        var page = await store.ListAsync(new CaseQuery(queue, priorityFilter, statusFilter,
            minAge is { } older ? now.AddMinutes(-older) : null, maxAge is { } newer ? now.AddMinutes(-newer) : null, count, cursor), cancellationToken);
        return TypedResults.Ok(new CasePageResponse(page.Cases.Select(CaseResponse.Of).ToList(), page.Next is { } next ? FormatCursor(next) : null));
    }

    private static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> Get(Guid id, ICaseStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } found ? TypedResults.Ok(CaseResponse.Of(found)) : NotFound(id);

    private static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> Draft(Guid id, CaseService cases, CancellationToken cancellationToken) =>
        await cases.DraftAsync(id, cancellationToken) is { } draft ? TypedResults.Ok(DraftsApi.ToResponse(draft)) : NotFound(id);

    private static async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> Reply(
        Guid id, CaseReplyRequest request, CaseService cases, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DraftFeedbackKind? kind = request.Kind switch
        {
            "accepted" => DraftFeedbackKind.Accepted,
            "edited" => DraftFeedbackKind.Edited,
            "rejected" => DraftFeedbackKind.Rejected,
            _ => null,
        };
        if (kind is null) errors["kind"] = ["must be 'accepted', 'edited' or 'rejected'"];
        if (request.DraftId is null) errors["draftId"] = ["is required: the id of a draft made for this case"];
        if (kind == DraftFeedbackKind.Edited && string.IsNullOrWhiteSpace(request.FinalText)) errors["finalText"] = ["is required when kind is 'edited': the reply the agent sent"];
        else if (kind is not null and not DraftFeedbackKind.Edited && request.FinalText is not null) errors["finalText"] = ["is only taken when kind is 'edited'"];
        else if (request.FinalText is { Length: > MaxMessageChars }) errors["finalText"] = [$"must be at most {MaxMessageChars} characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

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
        Guid id, CaseStatusRequest request, CaseService cases, CancellationToken cancellationToken)
    {
        if (request.Status is null || !TryParseStatus(request.Status, out var status))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be open, pending or solved"] });
        return await cases.SetStatusAsync(id, status, cancellationToken) is { } updated ? TypedResults.Ok(CaseResponse.Of(updated)) : NotFound(id);
    }

    /// <summary>The contact form's rules, for the API and the page alike: field name to messages.</summary>
    public static Dictionary<string, string[]> Validate(CaseRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Text(errors, "subject", request.Subject, MaxSubjectChars);
        Text(errors, "message", request.Message, MaxMessageChars);
        if (string.IsNullOrWhiteSpace(request.ContactEmail)) errors["contactEmail"] = ["is required: where support answers"];
        else if (!IsEmail(request.ContactEmail.Trim())) errors["contactEmail"] = ["must be an email address such as name@example.com"];
        if (request.Locale is not null && !ArticleRules.IsValidLocale(request.Locale)) errors["locale"] = ["must be a language tag such as 'en' or 'es-MX'"];
        if (request.Plan is not null && !CustomerFields.IsPlan(request.Plan)) errors["plan"] = [CustomerFields.PlanRule];
        if (request.DeflectionIds is { Count: > MaxDeflections } ids) errors["deflectionIds"] = [$"must list at most {MaxDeflections} deflections (got {ids.Count})"];
        return errors;
    }

    private static bool IsEmail(string value) =>
        value.Length <= 254 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["is required and must contain text"];
        else if (value.Length > maxChars) errors[field] = [$"must be at most {maxChars} characters (got {value.Length})"];
    }

    private static int? Minutes(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes <= 525_600) return minutes;
        errors[field] = ["must be a whole number of minutes from 0 to 525600"];
        return null;
    }

    private static bool TryParseStatus(string value, out CaseStatus status)
    {
        status = value switch
        {
            "open" => CaseStatus.Open,
            "pending" => CaseStatus.Pending,
            "solved" => CaseStatus.Solved,
            _ => (CaseStatus)(-1),
        };
        return Enum.IsDefined(status);
    }

    // The cursor is the last case's creation time (ticks) and id: opaque to clients.
    private static string FormatCursor(CaseCursor cursor) => $"{cursor.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{cursor.Id:N}";

    private static CaseCursor? ParseCursor(string value)
    {
        var parts = value.Split('_');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is > 0 and < 3155378975999999999 && Guid.TryParseExact(parts[1], "N", out var id)
            ? new CaseCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Case not found.", detail: $"No case with id '{id}'.");
}
