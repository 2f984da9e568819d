namespace SupportAssist.Deflection;

/// <summary>The deflection policy's settings. Bound from <c>SupportAssist:Deflection</c>.</summary>
public sealed class DeflectionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "SupportAssist:Deflection";

    /// <summary>Extra handoff patterns per reason, added to <see cref="HumanHandoffRules.Defaults"/>.</summary>
    public Dictionary<HandoffReason, string[]> HandoffPatterns { get; init; } = [];
}
