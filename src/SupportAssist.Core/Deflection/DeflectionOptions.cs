using System.ComponentModel.DataAnnotations;
using SupportAssist.Policy;

namespace SupportAssist.Deflection;

/// <summary>
/// The deflection policy's settings. Bound from <c>SupportAssist:Deflection</c>. Thresholds apply to the answerability
/// model's probability that an answer is right; the answer threshold comes from the target precision unless set.
/// </summary>
public sealed class DeflectionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "SupportAssist:Deflection";

    /// <summary>
    /// The share of shown answers that should be right. The answer threshold is the lowest probability at which the
    /// answerability model's cross-validated answers reached this precision.
    /// </summary>
    [Range(0.5, 0.999)]
    public double TargetAnswerPrecision { get; set; } = 0.90;

    /// <summary>A fixed answer threshold on the probability, overriding the target precision (for evaluation); unset by default.</summary>
    [Range(0.0, 1.0)]
    public double? AnswerThreshold { get; set; }

    /// <summary>Probability below which no article is worth suggesting and the case goes to a person.</summary>
    [Range(0.0, 1.0)]
    public double SuggestThreshold { get; set; } = 0.02;

    /// <summary>The answerability model (JSON written by <c>train-policy</c>); relative paths are under the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string PolicyModelPath { get; set; } = "policy/answerability.json";

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
