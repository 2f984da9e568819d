namespace SupportAssist.Answering;

/// <summary>Tokens a language model read and wrote for one answer, and what they are estimated to cost.</summary>
/// <param name="EstimatedCost">In the currency of the configured prices; null when no prices are configured.</param>
public sealed record TokenUsage(int InputTokens, int OutputTokens, decimal? EstimatedCost)
{
    /// <summary>The sum of two usages (either may be null); the cost is known only when both costs are.</summary>
    public static TokenUsage? Add(TokenUsage? a, TokenUsage? b) =>
        a is null ? b : b is null ? a : new TokenUsage(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens,
            a.EstimatedCost is { } x && b.EstimatedCost is { } y ? x + y : null);
}
