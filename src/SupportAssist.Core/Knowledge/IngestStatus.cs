namespace SupportAssist.Knowledge;

/// <summary>What ingesting one article did.</summary>
public enum IngestStatus
{
    /// <summary>The article was new and is now searchable.</summary>
    Created,

    /// <summary>The article changed; its chunks were replaced.</summary>
    Updated,

    /// <summary>Nothing changed since it was last indexed; no work was done.</summary>
    Unchanged,

    /// <summary>The article is marked unpublished and is no longer searchable.</summary>
    Unpublished,
}
