using System.Text.Json.Serialization;

namespace SupportAssist.Triage;

/// <summary>The tone of a ticket.</summary>
// Named explicitly: these names are stored and sent, so renaming a member must not change them.
public enum Sentiment
{
    /// <summary>Unhappy, worried or angry.</summary>
    [JsonStringEnumMemberName("negative")]
    Negative,

    /// <summary>Matter-of-fact.</summary>
    [JsonStringEnumMemberName("neutral")]
    Neutral,

    /// <summary>Pleased or thankful.</summary>
    [JsonStringEnumMemberName("positive")]
    Positive,
}
