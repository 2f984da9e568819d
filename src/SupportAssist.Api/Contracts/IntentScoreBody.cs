using SupportAssist.Triage;

namespace SupportAssist.Api.Contracts;

/// <summary>An intent and its probability.</summary>
public sealed record IntentScoreBody(string Intent, double Score)
{
    public static IntentScoreBody Of(IntentScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new(score.Intent, score.Score);
    }
}
