using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Knowledge;

/// <summary>How the knowledge base is read and cut into chunks. Bound from <c>SupportAssist:KnowledgeBase</c>.</summary>
public sealed class KnowledgeBaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SupportAssist:KnowledgeBase";

    /// <summary>Folder of Markdown articles indexed at start-up; relative to the content root (the API project folder under dotnet run).</summary>
    public string? SourceFolder { get; set; }

    /// <summary>When <see cref="SourceFolder"/> is indexed at start-up.</summary>
    public StartupIndexing StartupIndexing { get; set; } = StartupIndexing.WhenEmpty;

    /// <summary>Upper bound of a chunk's text, in characters.</summary>
    [Range(200, 20_000)]
    public int MaxChunkChars { get; set; } = 1500;

    /// <summary>Characters repeated from the end of one piece at the start of the next when a long section is split.</summary>
    [Range(0, 2_000)]
    public int ChunkOverlapChars { get; set; } = 200;

    /// <summary>
    /// Embed every chunk's quotable sentences when indexing, so that a caching embedder (the default) answers the
    /// composer's scoring of them from the cache rather than running the model while a user waits.
    /// </summary>
    public bool WarmAnswerSentences { get; set; } = true;

    /// <summary>Articles embedded per batch when many are imported at once.</summary>
    [Range(1, 1_024)]
    public int EmbeddingBatchSize { get; set; } = 64;
}
