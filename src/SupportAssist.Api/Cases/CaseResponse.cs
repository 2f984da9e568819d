using SupportAssist.Cases;

namespace SupportAssist.Api.Cases;

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
