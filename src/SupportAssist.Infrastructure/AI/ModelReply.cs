using SupportAssist.Answering;

namespace SupportAssist.Infrastructure.AI;

/// <summary>A model's whole reply: the text, the model that wrote it, and the tokens it took.</summary>
public sealed record ModelReply(string Text, string Model, TokenUsage? Usage);
