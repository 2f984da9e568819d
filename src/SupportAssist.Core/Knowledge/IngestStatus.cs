using System.Text.Json.Serialization;

namespace SupportAssist.Knowledge;

/// <summary>What ingesting one article did.</summary>
// Named explicitly: these names are stored and sent, so renaming a member must not change them.
public enum IngestStatus
{
    /// <summary>The article was new and is now searchable.</summary>
    [JsonStringEnumMemberName("created")]
    Created,

    /// <summary>The article changed; its chunks were replaced.</summary>
    [JsonStringEnumMemberName("updated")]
    Updated,

    /// <summary>Nothing changed since it was last indexed; no work was done.</summary>
    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    /// <summary>The article is marked unpublished and is no longer searchable.</summary>
    [JsonStringEnumMemberName("unpublished")]
    Unpublished,
}
