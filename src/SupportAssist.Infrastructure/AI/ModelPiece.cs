using SupportAssist.Answering;

namespace SupportAssist.Infrastructure.AI;

/// <summary>A piece of a streamed reply: text, or (last) the usage reported at the end of the stream.</summary>
public readonly record struct ModelPiece(string? Text, TokenUsage? Usage, string? Model);
