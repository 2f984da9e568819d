using System.Text.Json.Serialization;

namespace SupportAssist.Deflection;

/// <summary>What the service decided for an end user's question.</summary>
// Named explicitly: outcomes store these names, so renaming a member must not change them.
public enum DeflectionDecision
{
    /// <summary>A grounded answer with citations is shown.</summary>
    [JsonStringEnumMemberName("answer")]
    Answer,

    /// <summary>Articles are suggested; no answer is shown.</summary>
    [JsonStringEnumMemberName("suggest_articles")]
    SuggestArticles,

    /// <summary>The case goes to a person.</summary>
    [JsonStringEnumMemberName("contact_support")]
    ContactSupport,
}
