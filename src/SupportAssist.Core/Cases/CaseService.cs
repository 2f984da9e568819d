using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SupportAssist.Deflection;
using SupportAssist.Drafting;
using SupportAssist.Outcomes;
using SupportAssist.Privacy;
using SupportAssist.Triage;

namespace SupportAssist.Cases;

/// <summary>
/// Cases from the contact form: triaged (the classifier reads the redacted text and records its outcome), linked to
/// the deflections the customer saw (each marked <c>contacted_support</c>), stored with the message the agent needs
/// (cards, IBANs, keys and tokens replaced). Agents draft replies for a case and record what they sent.
/// </summary>
public sealed partial class CaseService(
    ICaseStore store, IOutcomeLog outcomes, TriageService triage, TriageRuleSet rules, DraftService drafts, ICaseEvents events, TimeProvider clock, ILogger<CaseService> logger)
{
    /// <summary>What a case's message never keeps, even for the agent.</summary>
    public static readonly IReadOnlySet<PiiKind> NeverKept = new HashSet<PiiKind> { PiiKind.CardNumber, PiiKind.Iban, PiiKind.SecretKey, PiiKind.BearerToken };

    /// <summary>Creates, triages and stores a case; marks each linked deflection <c>contacted_support</c>.</summary>
    public async Task<CaseCreation> CreateAsync(NewCase request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var seen = new List<SeenDeflection>();
        var unknown = new List<Guid>();
        foreach (var id in request.DeflectionIds.Distinct())
        {
            var outcome = await outcomes.GetAsync(id, cancellationToken);
            if (outcome is null || outcome.Kind != DeflectionService.OutcomeKind) unknown.Add(id);
            else seen.Add(await SeenAsync(outcome, cancellationToken));
        }
        if (unknown.Count > 0) return new CaseCreation(null, unknown);

        var subject = PiiRedactor.RedactOnly(request.Subject, NeverKept).Text;
        var message = PiiRedactor.RedactOnly(request.Message, NeverKept).Text;
        var now = clock.GetUtcNow();
        var supportCase = new SupportCase(
            Guid.NewGuid(), NewReference(), now, now, CaseStatus.Open, subject, message, request.ContactEmail.Trim(), request.Locale, request.Plan,
            await TriageAsync(request, cancellationToken), seen, []);
        // References are 40 random bits: a clash is rare, and a new one is drawn.
        while (!await store.CreateAsync(supportCase, cancellationToken)) supportCase = supportCase with { Reference = NewReference() };
        foreach (var deflection in seen)
        {
            await outcomes.RecordFeedbackAsync(
                new FeedbackEvent(deflection.DeflectionId, "contacted_support", now, null), DeflectionService.OutcomeKind, FeedbackRules.Deflection, cancellationToken);
        }
        LogCreated(logger, supportCase.Id, supportCase.Reference, supportCase.Triage.Queue, supportCase.Triage.Priority, seen.Count);
        events.Publish(new CaseEvent("case.created", now, supportCase));
        return new CaseCreation(supportCase, []);
    }

    /// <summary>Sets the status of case <paramref name="id"/>; null when there is no such case.</summary>
    public Task<SupportCase?> SetStatusAsync(Guid id, CaseStatus status, CancellationToken cancellationToken) =>
        store.UpdateAsync(id, c => c.Status == status ? c : c with { Status = status, UpdatedAt = clock.GetUtcNow() }, cancellationToken);

    /// <summary>Drafts a reply to case <paramref name="id"/> and links the draft to it; null when there is no such case.</summary>
    public async Task<DraftResult?> DraftAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } supportCase) return null;
        var ticket = new Ticket(supportCase.Subject, supportCase.Message, [], new CustomerInfo(null, supportCase.Plan, null, supportCase.Locale));
        var draft = await drafts.DraftAsync(ticket, cancellationToken);
        await store.UpdateAsync(id, c => c with { Drafts = [.. c.Drafts, draft.Id], UpdatedAt = clock.GetUtcNow() }, cancellationToken);
        return draft;
    }

    /// <summary>
    /// Records what the agent did with a draft of case <paramref name="id"/> (the draft's feedback, redacted there as
    /// for any draft) and the reply on the case; an open case becomes pending, waiting for the customer.
    /// </summary>
    public async Task<(ReplyStatus Status, SupportCase? Case, FeedbackEvent? Existing)> RecordReplyAsync(
        Guid id, Guid draftId, DraftFeedbackKind kind, string? finalText, string? agent, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } supportCase) return (ReplyStatus.UnknownCase, null, null);
        if (!supportCase.Drafts.Contains(draftId)) return (ReplyStatus.UnknownDraft, supportCase, null);
        var feedback = await drafts.RecordFeedbackAsync(draftId, kind, finalText, null, cancellationToken);
        if (feedback.Status == FeedbackStatus.Conflict) return (ReplyStatus.Conflict, supportCase, feedback.Existing);
        if (feedback.Status != FeedbackStatus.Recorded && feedback.Status != FeedbackStatus.AlreadyRecorded) return (ReplyStatus.UnknownDraft, supportCase, null);
        var wire = kind switch
        {
            DraftFeedbackKind.Accepted => "accepted",
            DraftFeedbackKind.Edited => "edited",
            _ => "rejected",
        };
        CaseReply? added = null;
        var updated = await store.UpdateAsync(id, c =>
        {
            added = null;
            if (c.Replies.Any(r => r.DraftId == draftId)) return c;
            var now = clock.GetUtcNow();
            // A rejected draft answers nothing: the case stays where it was.
            var status = kind != DraftFeedbackKind.Rejected && c.Status == CaseStatus.Open ? CaseStatus.Pending : c.Status;
            added = new CaseReply(draftId, wire, now, agent);
            return c with { Replies = [.. c.Replies, added], Status = status, UpdatedAt = now };
        }, cancellationToken);
        // Only a reply recorded now is announced (the same reply sent again is not).
        if (updated is not null && added is not null)
            events.Publish(new CaseEvent("reply.recorded", added.At, updated, added, kind == DraftFeedbackKind.Edited ? finalText : null));
        return (ReplyStatus.Recorded, updated, null);
    }

    private async Task<SeenDeflection> SeenAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        var feedback = await outcomes.FeedbackAsync(outcome.Id, cancellationToken);
        var articleOf = outcome.Retrieved.GroupBy(r => r.ChunkId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ArticleId, StringComparer.Ordinal);
        var cited = outcome.CitedChunks.Select(c => articleOf.GetValueOrDefault(c)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new SeenDeflection(outcome.Id, outcome.At, outcome.Input, outcome.Decision, outcome.Answer, cited, outcome.SuggestedArticles,
            feedback.Select(f => f.Kind).ToList());
    }

    // A case is never lost because triage cannot run: it goes to the human review queue at the default priority.
    private async Task<CaseTriage> TriageAsync(NewCase request, CancellationToken cancellationToken)
    {
        try
        {
            var (outcomeId, result) = await triage.TriageAsync(
                new TriageRequest(request.Subject, request.Message, "web", request.Plan, null, request.Locale), cancellationToken);
            return new CaseTriage(result.Intent, result.Category, result.Priority, result.Queue, result.Sentiment, result.Frustrated, result.Language,
                result.Confidence, result.Alternatives, result.PiiKinds, result.NeedsHumanReview, result.Reasons, outcomeId);
        }
        catch (TriageUnavailableException error)
        {
            LogTriageUnavailable(logger, error.Message);
            return new CaseTriage(TriageService.Unknown, TriageService.Unknown, rules.DefaultPriority, rules.HumanReviewQueue, Sentiment.Neutral, false,
                Text.LanguageGuess.Of(request.Subject + "\n" + request.Message).Code, 0, [], PiiRedactor.Redact(request.Subject + "\n" + request.Message).Kinds.Select(EnumNames.Of).ToList(),
                true, ["triage unavailable: the case goes to human review"], null);
        }
    }

    // SA-XXXX-XXXX in Crockford's base32 (no I, L, O, U): 40 random bits, easy to read out on the phone.
    private static string NewReference()
    {
        const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> characters = stackalloc char[8];
        for (var i = 0; i < characters.Length; i++) characters[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"SA-{characters[..4]}-{characters[4..]}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} ({Reference}) created: queue {Queue}, priority {Priority}, {SeenCount} deflections seen")]
    private static partial void LogCreated(ILogger logger, Guid caseId, string reference, string queue, Priority priority, int seenCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case created without triage: {Reason}")]
    private static partial void LogTriageUnavailable(ILogger logger, string reason);
}
