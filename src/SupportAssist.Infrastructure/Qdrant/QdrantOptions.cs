using System.ComponentModel.DataAnnotations;
using SupportAssist.Infrastructure.AI;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>Qdrant as the vector store. Bound from <c>SupportAssist:VectorStore:Qdrant</c>.</summary>
public sealed class QdrantOptions : IValidatableObject
{
    public const string Section = VectorStoreOptions.Section + ":Qdrant";
    public const string ServerFusion = "server";
    public const string ClientFusion = "client";

    /// <summary>The gRPC endpoint (port 6334 by default; https for TLS).</summary>
    [Required]
    public Uri Endpoint { get; set; } = new("http://localhost:6334");

    /// <summary>Sent as the <c>api-key</c> metadata of every call; from the environment (<c>SupportAssist__VectorStore__Qdrant__ApiKey</c>) or user secrets.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The alias searches use; each full rebuild writes a new collection named after it and moves the alias.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,200}$", ErrorMessage = "Collection must be 1 to 200 letters, digits, '_' or '-'.")]
    public string Collection { get; set; } = "supportassist-chunks";

    /// <summary>Shards of a new collection; unset leaves Qdrant's default (one per node). Distributed mode: a multiple of the nodes.</summary>
    [Range(1, 1024)]
    public int? ShardNumber { get; set; }

    /// <summary>Copies of each shard (distributed mode: 2 or more to survive a node's loss).</summary>
    [Range(1, 32)]
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>Replicas that must confirm a write.</summary>
    [Range(1, 32)]
    public int WriteConsistencyFactor { get; set; } = 1;

    /// <summary>Keep original dense vectors on disk (memory-mapped) instead of in RAM.</summary>
    public bool OnDiskVectors { get; set; }

    /// <summary><c>none</c>, or <c>scalar</c>: int8 copies of the vectors kept in RAM for search; the best 2 × limit are rescored with the originals.</summary>
    [Required, AllowedValues("none", "scalar", ErrorMessage = "Quantization must be 'none' or 'scalar'.")]
    public string Quantization { get; set; } = "none";

    /// <summary>Points per upsert request.</summary>
    [Range(1, 10_000)]
    public int UpsertBatchSize { get; set; } = 128;

    /// <summary><c>server</c>: one Query API request fuses dense and sparse results in Qdrant; <c>client</c>: two searches fused by us, keeping each retriever's rank.</summary>
    [Required, AllowedValues(ServerFusion, ClientFusion, ErrorMessage = "Fusion must be 'server' or 'client'.")]
    public string Fusion { get; set; } = ServerFusion;

    /// <summary>Also keep the index in the local SQLite file, so that BM25 answers (degraded) when Qdrant cannot be reached.</summary>
    public bool LocalFallback { get; set; }

    /// <summary>Retries, timeouts and circuit breaker of the HttpClient under the Qdrant gRPC channel: a search is a short call.</summary>
    [Required]
    public ResilienceSettings Resilience { get; set; } = new()
    {
        AttemptTimeoutSeconds = 5,
        TotalTimeoutSeconds = 15,
        MaxRetries = 2,
        RetryBaseDelaySeconds = 1,
        RetryMaxDelaySeconds = 5,
        CircuitFailureRatio = 0.5,
        CircuitMinimumThroughput = 10,
        CircuitSamplingSeconds = 30,
        CircuitBreakSeconds = 15,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https"))
            yield return new ValidationResult("Endpoint must be an absolute http or https URL", [nameof(Endpoint)]);
        // Qdrant's REST port: the client speaks gRPC, and a gRPC call there would only look like an outage.
        else if (Endpoint.Port == 6333)
            yield return new ValidationResult("Endpoint must be Qdrant's gRPC port (6334 by default), not its REST port 6333", [nameof(Endpoint)]);
        if (WriteConsistencyFactor > ReplicationFactor)
            yield return new ValidationResult($"WriteConsistencyFactor ({WriteConsistencyFactor}) must not exceed ReplicationFactor ({ReplicationFactor})", [nameof(WriteConsistencyFactor)]);
        foreach (var problem in ResilienceValidation.Problems(Resilience))
            yield return new ValidationResult(problem, [nameof(Resilience)]);
    }
}
