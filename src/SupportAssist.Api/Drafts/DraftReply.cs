using SupportAssist.Answering;

namespace SupportAssist.Api.Drafts;

/// <summary>The draft text; <c>mode</c> is <c>extractive</c> (quoted sentences in fixed phrases) or <c>generated</c>.</summary>
public sealed record DraftReply(string Text, AnswerMode Mode, string Composer);
