using SupportAssist.Api.Contracts;
using SupportAssist.Cases;
using SupportAssist.Triage;

namespace SupportAssist.Api.Cases;

/// <summary>The contact form: subject, message, how to reach the customer, and the deflections they saw.</summary>
public sealed record CaseRequest(string? Subject, string? Message, string? ContactEmail, string? Locale, string? Plan, IReadOnlyList<Guid>? DeflectionIds);

/// <summary>What the customer is told: the reference to quote, nothing an agent reads.</summary>
public sealed record CaseCreatedResponse(Guid Id, string Reference, CaseStatus Status, DateTimeOffset CreatedAt);

/// <summary>A case as agents read it.</summary>
public sealed record CaseResponse(
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
    CaseTriageBody Triage,
    IReadOnlyList<SeenDeflectionBody> Seen,
    IReadOnlyList<Guid> Drafts,
    IReadOnlyList<CaseReplyBody> Replies)
{
    public static CaseResponse Of(SupportCase c) => new(
        c.Id, c.Reference, c.CreatedAt, c.UpdatedAt, c.Status, c.Subject, c.Message, c.ContactEmail, c.Locale, c.Plan,
        new CaseTriageBody(c.Triage.Intent, c.Triage.Category, c.Triage.Priority.ToString(), c.Triage.Queue, c.Triage.Sentiment,
            c.Triage.Frustrated, c.Triage.Language, c.Triage.Confidence, c.Triage.Alternatives.Select(IntentScoreBody.Of).ToList(),
            c.Triage.PiiKinds, c.Triage.NeedsHumanReview, c.Triage.Reasons, c.Triage.OutcomeId),
        c.Seen.Select(s => new SeenDeflectionBody(s.DeflectionId, s.At, s.Question, s.Decision, s.Answer, s.CitedArticles, s.SuggestedArticles, s.Feedback)).ToList(),
        c.Drafts,
        c.Replies.Select(r => new CaseReplyBody(r.DraftId, r.Kind, r.At, r.Agent)).ToList());
}

/// <summary>The case's triage; <c>outcomeId</c> is null when triage was unavailable when the case came in.</summary>
public sealed record CaseTriageBody(
    string Intent, string Category, string Priority, string Queue, Sentiment Sentiment, bool Frustrated, string Language, double Confidence,
    IReadOnlyList<IntentScoreBody> Alternatives, IReadOnlyList<string> PiiKinds, bool NeedsHumanReview, IReadOnlyList<string> Reasons, Guid? OutcomeId);

/// <summary>A deflection the customer saw before contacting: question (redacted), decision, answer, cited and suggested articles, feedback.</summary>
public sealed record SeenDeflectionBody(
    Guid DeflectionId, DateTimeOffset At, string Question, string Decision, string? Answer, IReadOnlyList<string> CitedArticles,
    IReadOnlyList<string> SuggestedArticles, IReadOnlyList<string> Feedback);

/// <summary>A recorded reply: the draft and what the agent did with it.</summary>
public sealed record CaseReplyBody(Guid DraftId, string Kind, DateTimeOffset At, string? Agent);

/// <summary>A page of cases; pass <c>next</c> as <c>after</c> for the following page (null at the end).</summary>
public sealed record CasePageResponse(IReadOnlyList<CaseResponse> Cases, string? Next);

/// <summary>What the agent sent: <c>accepted</c>, <c>edited</c> (with the final text) or <c>rejected</c>, for a draft made for the case.</summary>
public sealed record CaseReplyRequest(Guid? DraftId, string? Kind, string? FinalText);

/// <summary>A new status: <c>open</c>, <c>pending</c> or <c>solved</c>.</summary>
public sealed record CaseStatusRequest(string? Status);
