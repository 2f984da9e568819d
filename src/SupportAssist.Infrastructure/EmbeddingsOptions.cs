using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Infrastructure;

/// <summary>How text becomes vectors. Bound from <c>SupportAssist:Embeddings</c>.</summary>
public sealed class EmbeddingsOptions
{
    public const string Section = "SupportAssist:Embeddings";
    public const string Local = "local";
    public const string Lexical = "lexical";
    public const string Quantized = "int8";
    public const string FullPrecision = "fp32";

    /// <summary>
    /// <c>local</c>: arctic-embed-xs in-process (384-d, from its NuGet package); <c>lexical</c>: hashed n-grams, no
    /// model; <c>azure-openai</c>, <c>openai</c>, <c>openai-compatible</c>: a provider's embedding model.
    /// </summary>
    [Required, AllowedValues(Local, Lexical, AI.LlmOptions.AzureOpenAi, AI.LlmOptions.OpenAi, AI.LlmOptions.OpenAiCompatible,
        ErrorMessage = "SupportAssist:Embeddings:Provider must be 'local', 'lexical', 'azure-openai', 'openai' or 'openai-compatible'.")]
    public string Provider { get; set; } = Local;

    /// <summary>Where the local encoder keeps its int8 model once built (for faster restarts); empty means the user's cache folder (~/.cache/supportassist/models).</summary>
    public string? ModelCachePath { get; set; }

    /// <summary>
    /// The local encoder's arithmetic: <c>fp32</c> (default: the published model) or <c>int8</c> (2.2-2.7x faster on
    /// one core, cosine ≥ 0.999 to fp32, but a few eval metrics up to 0.03 lower: see docs/benchmarks.md).
    /// </summary>
    [Required, AllowedValues(Quantized, FullPrecision, ErrorMessage = "SupportAssist:Embeddings:Precision must be 'int8' or 'fp32'.")]
    public string Precision { get; set; } = FullPrecision;

    /// <summary>Keep passage embeddings in a cache file, so re-indexing unchanged content does not run the model again.</summary>
    public bool Cache { get; set; } = true;

    /// <summary>The cache file; empty means beside the SQLite database (<c>supportassist.db</c> → <c>supportassist.embeddings.db</c>).</summary>
    public string? CachePath { get; set; }

    /// <summary>Threads one local encoder run may use; 1 suits a server answering many requests at once.</summary>
    [Range(1, 64)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Vector size of the lexical embedder.</summary>
    [Range(16, 4096)]
    public int Dimensions { get; set; } = 384;

    /// <summary>A provider's endpoint (Azure resource or compatible server's base URL).</summary>
    public string? Endpoint { get; set; }

    /// <summary>A provider's key, from the environment (<c>SupportAssist__Embeddings__ApiKey</c>) or user secrets.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A provider's embedding model (for Azure OpenAI, the deployment).</summary>
    public string? Model { get; set; }

    /// <summary>Vector size to ask a provider for (models that support shortening); unset means the model's own.</summary>
    [Range(16, 8192)]
    public int? ModelDimensions { get; set; }

    /// <summary>Retries, timeouts and circuit breaker of a provider's HttpClient. An embedding call is short.</summary>
    [Required]
    public AI.ResilienceSettings Resilience { get; set; } = new();

    /// <summary>True when a remote provider, not an in-process model, embeds.</summary>
    public bool IsRemote => Provider is not (Local or Lexical);
}
