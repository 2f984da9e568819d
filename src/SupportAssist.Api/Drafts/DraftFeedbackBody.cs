namespace SupportAssist.Api.Drafts;

/// <summary>What the agent did: <c>accepted</c>, <c>edited</c> (with <c>finalText</c>, the reply sent) or <c>rejected</c>.</summary>
public sealed record DraftFeedbackBody(string? Kind, string? FinalText, string? Comment)
{
    /// <summary>The customer's name, as the draft request had it: every occurrence of it and its parts in the texts becomes [NAME] before they are stored. Optional: the name the draft was greeted with is also found where the reply still greets them.</summary>
    public string? CustomerName { get; init; }
}
