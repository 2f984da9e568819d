using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Deflection;

/// <summary>
/// The deflection policy's settings. Bound from <c>SupportAssist:Deflection</c>. The thresholds apply to the
/// evidence score (<see cref="DeflectionEvidence"/>); they are starting values, to be tuned on the
/// deflection eval set.
/// </summary>
public sealed class DeflectionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "SupportAssist:Deflection";

    /// <summary>Evidence at or above which a grounded answer is shown.</summary>
    [Range(0.0, 1.0)]
    public double AnswerThreshold { get; set; } = 0.6;

    /// <summary>Evidence below which no article is worth suggesting and the case goes to a person.</summary>
    [Range(0.0, 1.0)]
    public double SuggestThreshold { get; set; } = 0.25;

    /// <summary>Retrieved chunks offered to the composer.</summary>
    [Range(1, 20)]
    public int Passages { get; set; } = 4;

    /// <summary>Articles suggested with every decision.</summary>
    [Range(1, 10)]
    public int SuggestedArticles { get; set; } = 3;

    /// <summary>Longest question accepted, in characters.</summary>
    [Range(16, 20_000)]
    public int MaxQuestionChars { get; set; } = 2000;

    /// <summary>Extra handoff patterns per reason, added to <see cref="HumanHandoffRules.Defaults"/>.</summary>
    public Dictionary<HandoffReason, string[]> HandoffPatterns { get; set; } = [];
}
