using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Infrastructure;

/// <summary>
/// Where state lives. Bound from <c>SupportAssist:Storage</c>. Articles, chunks and the embedding cache stay in the
/// SQLite file (with Qdrant, it is only their source copy); outcomes, feedback, cases and audit go to
/// <see cref="Provider"/>: the same SQLite file (embedded default) or PostgreSQL (shared by every replica).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "SupportAssist:Storage";
    public const string SqliteProvider = "sqlite";
    public const string PostgresProvider = "postgres";

    /// <summary><c>sqlite</c> (embedded default: one process) or <c>postgres</c> (shared state for several API replicas).</summary>
    [Required, AllowedValues(SqliteProvider, PostgresProvider, ErrorMessage = "SupportAssist:Storage:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>
    /// The PostgreSQL connection string (Npgsql keywords: <c>Host=…;Port=5432;Database=…;Username=…;Password=…</c>), from the
    /// environment (<c>SupportAssist__Storage__PostgresConnectionString</c>) or a secret store, never from a committed file.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>True when outcomes, feedback, cases and audit live in PostgreSQL.</summary>
    public bool UsesPostgres => Provider == PostgresProvider;

    /// <summary>SQLite file for articles, chunks, vectors (and, on the embedded default, outcomes); relative paths are under the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string SqlitePath { get; set; } = "data/supportassist.db";

    /// <summary>Writes (outcomes, feedback, cases, audit) that may wait for the group-commit writer; beyond it a write is refused with 503 and Retry-After.</summary>
    [Range(1, 1_000_000)]
    public int WriteQueueCapacity { get; set; } = 4096;

    /// <summary>The most writes committed in one transaction.</summary>
    [Range(1, 10_000)]
    public int WriteBatchSize { get; set; } = 256;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesPostgres && string.IsNullOrWhiteSpace(PostgresConnectionString))
            yield return new ValidationResult("SupportAssist:Storage:PostgresConnectionString is required when SupportAssist:Storage:Provider is 'postgres'.", [nameof(PostgresConnectionString)]);
    }
}
