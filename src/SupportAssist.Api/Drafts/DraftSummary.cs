using SupportAssist.Answering;

namespace SupportAssist.Api.Drafts;

/// <summary>A short account of the thread for the agent.</summary>
public sealed record DraftSummary(string Text, AnswerMode Mode);
