using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Infrastructure;

/// <summary>Where chunk vectors are searched. Bound from <c>SupportAssist:VectorStore</c>.</summary>
public sealed class VectorStoreOptions
{
    public const string Section = "SupportAssist:VectorStore";

    public const string SqliteProvider = "sqlite";
    public const string QdrantProvider = "qdrant";

    /// <summary><c>sqlite</c>: vectors in the embedded database, scanned exactly in memory; <c>qdrant</c>: a Qdrant server or cluster.</summary>
    [Required, AllowedValues(SqliteProvider, QdrantProvider, ErrorMessage = "SupportAssist:VectorStore:Provider must be 'sqlite' or 'qdrant'.")]
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The Qdrant connection and collection settings, used when <see cref="Provider"/> is <c>qdrant</c>.</summary>
    [Required]
    public Qdrant.QdrantOptions Qdrant { get; set; } = new();
}
