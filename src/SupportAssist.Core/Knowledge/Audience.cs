using System.Text.Json.Serialization;

namespace SupportAssist.Knowledge;

/// <summary>Who is asking. End users see public articles; agents see public and internal ones.</summary>
// Named explicitly: these names are stored and sent, so renaming a member must not change them.
public enum Audience
{
    /// <summary>An end user: public articles only.</summary>
    [JsonStringEnumMemberName("public")]
    Public,

    /// <summary>A support agent: public and internal articles.</summary>
    [JsonStringEnumMemberName("agent")]
    Agent,
}
