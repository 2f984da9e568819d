using SupportAssist.Answering;
using SupportAssist.Api.Contracts;

namespace SupportAssist.Api.Drafts;

/// <summary>A ticket to draft a reply for.</summary>
/// <param name="Subject">The ticket's subject (required).</param>
/// <param name="Body">The customer's first message (required).</param>
/// <param name="Thread">The messages that followed, oldest first.</param>
/// <param name="Customer">What the help desk knows about the customer.</param>
public sealed record DraftRequestBody(string? Subject, string? Body, IReadOnlyList<ThreadMessageBody?>? Thread, CustomerBody? Customer);

/// <summary>A message of the thread: <c>role</c> is <c>customer</c> or <c>agent</c>.</summary>
public sealed record ThreadMessageBody(string? Role, string? Text);

/// <summary>The customer: the name greets them (it is never sent to a model provider); the locale picks the reply's language.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code, such as <c>DE</c>.</param>
public sealed record CustomerBody(string? Name, string? Plan, string? Country, string? Locale);

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

/// <summary>The draft text; <c>mode</c> is <c>extractive</c> (quoted sentences in fixed phrases) or <c>generated</c>.</summary>
public sealed record DraftReply(string Text, AnswerMode Mode, string Composer);

/// <summary>A short account of the thread for the agent.</summary>
public sealed record DraftSummary(string Text, AnswerMode Mode);

/// <summary>What the agent did: <c>accepted</c>, <c>edited</c> (with <c>finalText</c>, the reply sent) or <c>rejected</c>.</summary>
public sealed record DraftFeedbackBody(string? Kind, string? FinalText, string? Comment)
{
    /// <summary>The customer's name, as the draft request had it: every occurrence of it and its parts in the texts becomes [NAME] before they are stored. Optional: the name the draft was greeted with is also found where the reply still greets them.</summary>
    public string? CustomerName { get; init; }
}
