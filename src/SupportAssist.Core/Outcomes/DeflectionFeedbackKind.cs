using System.Text.Json.Serialization;

namespace SupportAssist.Outcomes;

/// <summary>What the end user did after a deflection.</summary>
// Named explicitly: these names are stored and sent, so renaming a member must not change them.
public enum DeflectionFeedbackKind
{
    /// <summary>The answer or the articles helped.</summary>
    [JsonStringEnumMemberName("helpful")]
    Helpful,

    /// <summary>They did not help.</summary>
    [JsonStringEnumMemberName("not_helpful")]
    NotHelpful,

    /// <summary>The user contacted support anyway.</summary>
    [JsonStringEnumMemberName("contacted_support")]
    ContactedSupport,
}
