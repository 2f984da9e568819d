using SupportAssist.Triage;

namespace SupportAssist.Cases;

/// <summary>Where a case stands: waiting for an agent, waiting for the customer, or done.</summary>
public enum CaseStatus
{
    /// <summary>New or reopened: an agent should answer.</summary>
    Open,

    /// <summary>Answered; waiting for the customer.</summary>
    Pending,

    /// <summary>Done.</summary>
    Solved,
}

/// <summary>
/// A customer's request for help from the contact form, with everything an agent needs to answer it: the message
/// and contact email (kept for the agent; cards, IBANs, keys and tokens replaced), the triage, what the customer was
/// shown before contacting, and the replies recorded.
/// </summary>
/// <param name="Reference">Short and readable, for the customer to quote (<c>SA-7K3Q-9XRT</c>).</param>
public sealed record SupportCase(
    Guid Id,
    string Reference,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    CaseStatus Status,
    string Subject,
    string Message,
    string ContactEmail,
    string? Locale,
    string? Plan,
    CaseTriage Triage,
    IReadOnlyList<SeenDeflection> Seen,
    IReadOnlyList<CaseReply> Replies)
{
    /// <summary>The drafts made for this case, oldest first.</summary>
    public IReadOnlyList<Guid> Drafts { get; init; } = [];
}

/// <summary>The case's triage; <see cref="OutcomeId"/> is the triage outcome (null when triage was unavailable).</summary>
public sealed record CaseTriage(
    string Intent,
    string Category,
    Priority Priority,
    string Queue,
    Sentiment Sentiment,
    bool Frustrated,
    string Language,
    double Confidence,
    IReadOnlyList<IntentScore> Alternatives,
    IReadOnlyList<string> PiiKinds,
    bool NeedsHumanReview,
    IReadOnlyList<string> Reasons,
    Guid? OutcomeId);

/// <summary>
/// One deflection the customer saw before contacting support, as its outcome recorded it: the question (redacted),
/// the decision, the answer and the articles it cited, the articles suggested, and the feedback given.
/// </summary>
public sealed record SeenDeflection(
    Guid DeflectionId,
    DateTimeOffset At,
    string Question,
    string Decision,
    string? Answer,
    IReadOnlyList<string> CitedArticles,
    IReadOnlyList<string> SuggestedArticles,
    IReadOnlyList<string> Feedback);

/// <summary>A reply an agent recorded: which draft, what they did with it (<c>accepted</c>, <c>edited</c>, <c>rejected</c>), who.</summary>
public sealed record CaseReply(Guid DraftId, string Kind, DateTimeOffset At, string? Agent);

/// <summary>What the contact form sends: the customer's words and how to reach them, and the deflections they saw.</summary>
public sealed record NewCase(string Subject, string Message, string ContactEmail, string? Locale, string? Plan, IReadOnlyList<Guid> DeflectionIds);

/// <summary>Which cases to list: filters (each optional), newest first, <paramref name="Limit"/> at a time after <paramref name="After"/>.</summary>
public sealed record CaseQuery(string? Queue, Priority? Priority, CaseStatus? Status, DateTimeOffset? CreatedBefore, DateTimeOffset? CreatedAfter, int Limit, CaseCursor? After);

/// <summary>Where a page ended: the last case's creation time and id.</summary>
public sealed record CaseCursor(DateTimeOffset CreatedAt, Guid Id);

/// <summary>A page of cases and the cursor of the next (null at the end).</summary>
public sealed record CasePage(IReadOnlyList<SupportCase> Cases, CaseCursor? Next);
