namespace SupportAssist.Api.Drafts;

/// <summary>A ticket to draft a reply for.</summary>
/// <param name="Subject">The ticket's subject (required).</param>
/// <param name="Body">The customer's first message (required).</param>
/// <param name="Thread">The messages that followed, oldest first.</param>
/// <param name="Customer">What the help desk knows about the customer.</param>
public sealed record DraftRequestBody(string? Subject, string? Body, IReadOnlyList<ThreadMessageBody?>? Thread, CustomerBody? Customer);
