using System.Globalization;
using SupportAssist.Api.Drafts;
using SupportAssist.Cases;
using SupportAssist.Drafting;
using SupportAssist.Triage;

namespace SupportAssist.Api.Cases;

/// <summary>
/// What the contact form (API and page alike), the case list's filters, a reply and a status change must be; limits
/// from <see cref="LimitsOptions"/>, and a reply's from <see cref="DraftRequestRules"/> (a reply is a draft's verdict).
/// </summary>
public sealed class CaseRequestRules(IOptions<LimitsOptions> limits, DraftRequestRules drafts)
{
    /// <summary>A page of cases when the request names no size.</summary>
    public const int DefaultPage = 25;

    private static readonly string[] Priorities = Enum.GetNames<Priority>();

    /// <summary>The contact form's rules: field name to messages.</summary>
    public FieldErrors Check(CaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = limits.Value;
        var errors = new FieldErrors();
        errors.RequiredText("subject", request.Subject, settings.MaxCaseSubjectChars);
        errors.RequiredText("message", request.Message, settings.MaxCaseMessageChars);
        errors.Email("contactEmail", request.ContactEmail, "where support answers");
        errors.Locale("locale", request.Locale);
        errors.Plan("plan", request.Plan);
        errors.MaxCount("deflectionIds", request.DeflectionIds, settings.MaxCaseDeflections, "deflections");
        return errors;
    }

    /// <summary>The case list's filters from the query string, and the errors.</summary>
    public (CaseListFilter Filter, FieldErrors Errors) Check(
        string? queue, string? priority, string? status, string? minAgeMinutes, string? maxAgeMinutes, string? limit, string? after)
    {
        var errors = new FieldErrors();
        // P1 to P4, in either case.
        Priority? priorityFilter = errors.OneOf("priority", priority?.ToUpperInvariant(), Priorities) && priority is not null ? Enum.Parse<Priority>(priority, ignoreCase: true) : null;
        var statusFilter = errors.Named<CaseStatus>("status", status, required: false);
        if (queue is not null && queue.Length is 0 or > 100) errors.Add("queue", "must be 1-100 characters");
        int? minAge = minAgeMinutes is null ? null : errors.WholeNumber("minAgeMinutes", minAgeMinutes, 0, 525_600, 0);
        int? maxAge = maxAgeMinutes is null ? null : errors.WholeNumber("maxAgeMinutes", maxAgeMinutes, 0, 525_600, 0);
        var count = errors.WholeNumber("limit", limit, 1, limits.Value.MaxCasePage, DefaultPage);
        CaseCursor? cursor = null;
        if (after is not null && (cursor = ParseCursor(after)) is null) errors.Add("after", "must be the 'next' of a previous page");
        return (new CaseListFilter(queue, priorityFilter, statusFilter, minAge, maxAge, count, cursor), errors);
    }

    /// <summary>A recorded reply: the draft it used and the agent's verdict on it.</summary>
    public (DraftFeedbackKind? Kind, FieldErrors Errors) Check(CaseReplyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var kind = drafts.Verdict(errors, request.Kind, request.FinalText);
        errors.Required("draftId", request.DraftId, "the id of a draft made for this case");
        return (kind, errors);
    }

    /// <summary>A status change.</summary>
    public (CaseStatus? Status, FieldErrors Errors) Check(CaseStatusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        return (errors.Named<CaseStatus>("status", request.Status), errors);
    }

    // The cursor is the last case's creation time (ticks) and id: opaque to clients.
    public static string FormatCursor(CaseCursor cursor) => $"{cursor.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{cursor.Id:N}";

    private static CaseCursor? ParseCursor(string value)
    {
        var parts = value.Split('_');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is > 0 and < 3155378975999999999 && Guid.TryParseExact(parts[1], "N", out var id)
            ? new CaseCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }
}
