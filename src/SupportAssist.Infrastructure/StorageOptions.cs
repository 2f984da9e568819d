using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Infrastructure;

/// <summary>The embedded database. Bound from <c>SupportAssist:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "SupportAssist:Storage";

    /// <summary>SQLite file for articles, chunks, vectors and outcomes; relative paths are under the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string SqlitePath { get; set; } = "data/supportassist.db";
}

/// <summary>Where chunk vectors are searched. Bound from <c>SupportAssist:VectorStore</c>.</summary>
public sealed class VectorStoreOptions
{
    public const string Section = "SupportAssist:VectorStore";

    /// <summary><c>sqlite</c>: vectors in the embedded database, scanned exactly in memory.</summary>
    [Required, AllowedValues("sqlite", ErrorMessage = "SupportAssist:VectorStore:Provider must be 'sqlite' (Qdrant support is not built yet).")]
    public string Provider { get; set; } = "sqlite";
}

/// <summary>How text becomes vectors. Bound from <c>SupportAssist:Embeddings</c>.</summary>
public sealed class EmbeddingsOptions
{
    public const string Section = "SupportAssist:Embeddings";

    /// <summary><c>lexical</c>: the hashed n-gram embedder (no model, no network).</summary>
    [Required, AllowedValues("lexical", ErrorMessage = "SupportAssist:Embeddings:Provider must be 'lexical' (the only embedder built so far).")]
    public string Provider { get; set; } = "lexical";

    /// <summary>Vector size of the lexical embedder.</summary>
    [Range(16, 4096)]
    public int Dimensions { get; set; } = 384;
}
