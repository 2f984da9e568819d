namespace SupportAssist.Api.Drafts;

/// <summary>
/// A drafted reply for the agent to accept, edit or reject. <c>citations</c> lists what the reply relies on:
/// public articles cited as <c>[n]</c> in the text, and internal articles for the agent's eyes only. <c>triage</c>
/// is the ticket's triage (null when no triage model is loaded).
/// </summary>
public sealed record DraftResponse(
    Guid Id,
    string Language,
    DraftReply Reply,
    IReadOnlyList<CitationBody> Citations,
    DraftSummary Summary,
    IReadOnlyList<SuggestedArticle> SuggestedArticles,
    IReadOnlyList<string> Reasons,
    bool Degraded,
    TriageBody? Triage);
