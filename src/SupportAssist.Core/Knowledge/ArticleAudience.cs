using System.Text.Json.Serialization;

namespace SupportAssist.Knowledge;

/// <summary>Who an article is written for. Internal articles are for support agents only.</summary>
// Named explicitly: these names are stored and sent, so renaming a member must not change them.
public enum ArticleAudience
{
    /// <summary>Anyone may read it.</summary>
    [JsonStringEnumMemberName("public")]
    Public,

    /// <summary>Support agents only.</summary>
    [JsonStringEnumMemberName("internal")]
    Internal,
}
