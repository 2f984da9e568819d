using System.Text.Json.Serialization;

namespace SupportAssist.Drafting;

/// <summary>What the agent did with a draft.</summary>
// Named explicitly: these names are stored and sent, so renaming a member must not change them.
public enum DraftFeedbackKind
{
    /// <summary>Sent as drafted.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>Sent after editing; the final text comes with it.</summary>
    [JsonStringEnumMemberName("edited")]
    Edited,

    /// <summary>Not used.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
}
