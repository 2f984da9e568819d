using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportAssist.Api.Cases;
using SupportAssist.Cases;
using SupportAssist.Drafting;
using SupportAssist.Outcomes;

namespace SupportAssist.Api.Pages.Console;

/// <summary>
/// One case for an agent: the customer's message and contact, the triage, what they saw before contacting, a drafted
/// reply with its citations (internal guidance marked) to send as is, edit, or reject, and the status.
/// </summary>
public sealed class CaseModel(ICaseStore store, CaseService cases, IOutcomeLog outcomes, CaseRequestRules rules) : PageModel
{
    public SupportCase? Case { get; private set; }

    /// <summary>The draft just made (with its citations), or the latest one not yet answered.</summary>
    public DraftView? Draft { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        await LoadPendingDraftAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        var draft = await cases.DraftAsync(id, cancellationToken);
        if (draft is null || !await LoadAsync(id, cancellationToken)) return NotFound();
        Draft = new DraftView(draft.Id, draft.Reply.Text,
            draft.Reply.Citations.Select(c => new CitationView(c.Number, c.Title, c.Url, c.Audience == Knowledge.ArticleAudience.Internal, c.Quote)).ToList(),
            draft.Summary.Text, draft.Degraded);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid id, Guid draftId, string? finalText, string? verdict, CancellationToken cancellationToken)
    {
        var drafted = await outcomes.GetAsync(draftId, cancellationToken);
        var text = finalText?.Trim();
        DraftFeedbackKind kind;
        if (verdict == "reject") kind = DraftFeedbackKind.Rejected;
        else if (string.IsNullOrEmpty(text)) return await WithNoticeAsync(id, "Write the reply before sending it.", cancellationToken);
        // The draft as the agent saw it (cases carry no name: the greeting's placeholder is removed).
        else kind = drafted?.Answer is { } original && Normalize(DraftService.Greet(original, null)) == Normalize(text) ? DraftFeedbackKind.Accepted : DraftFeedbackKind.Edited;
        // The same rules as POST /v1/cases/{id}/replies (the final text's length among them).
        var (_, errors) = rules.Check(new CaseReplyRequest(draftId, EnumNames.Of(kind), kind == DraftFeedbackKind.Edited ? text : null));
        if (errors.Message("finalText") is { } tooLong) return await WithNoticeAsync(id, $"The reply {tooLong}.", cancellationToken);
        var (status, _, existing) = await cases.RecordReplyAsync(
            id, draftId, kind, kind == DraftFeedbackKind.Edited ? text : null, ApiKeyAuthentication.CallerName(User), cancellationToken);
        return status switch
        {
            ReplyStatus.UnknownCase => NotFound(),
            ReplyStatus.Conflict => await WithNoticeAsync(id, $"This draft was already marked {existing?.Kind}.", cancellationToken),
            ReplyStatus.UnknownDraft => await WithNoticeAsync(id, "That draft was not made for this case.", cancellationToken),
            _ => await WithNoticeAsync(id, kind switch
            {
                DraftFeedbackKind.Accepted => "Reply recorded: sent as drafted.",
                DraftFeedbackKind.Edited => "Reply recorded: sent with your edits.",
                _ => "Draft rejected.",
            }, cancellationToken),
        };
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, string? status, CancellationToken cancellationToken)
    {
        // The same rule as POST /v1/cases/{id}/status.
        var (value, errors) = rules.Check(new CaseStatusRequest(status));
        if (value is null) return await WithNoticeAsync(id, $"The status {errors.Message("status")}.", cancellationToken);
        return await cases.SetStatusAsync(id, value.Value, cancellationToken) is null ? NotFound() : await WithNoticeAsync(id, $"Status set to {status}.", cancellationToken);
    }

    private async Task<IActionResult> WithNoticeAsync(Guid id, string notice, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        await LoadPendingDraftAsync(cancellationToken);
        Notice = notice;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Case = await store.GetAsync(id, cancellationToken);
        return Case is not null;
    }

    // The latest draft no reply was recorded for, as its outcome stored it (redacted; citations by article).
    private async Task LoadPendingDraftAsync(CancellationToken cancellationToken)
    {
        var pending = Case!.Drafts.LastOrDefault(d => Case.Replies.All(r => r.DraftId != d));
        if (pending == Guid.Empty || await outcomes.GetAsync(pending, cancellationToken) is not { Answer: { } text } outcome) return;
        // The citations by article, as the outcome recorded them (titles and internal markers come with a fresh draft).
        var articleOf = outcome.Retrieved.GroupBy(r => r.ChunkId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ArticleId, StringComparer.Ordinal);
        var cited = outcome.CitedChunks.Select(c => articleOf.GetValueOrDefault(c)).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select((article, i) => new CitationView(i + 1, article, null, false, "")).ToList();
        Draft = new DraftView(pending, DraftService.Greet(text, null), cited, null, outcome.DegradedReason is not null);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
