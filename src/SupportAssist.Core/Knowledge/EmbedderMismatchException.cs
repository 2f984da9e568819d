namespace SupportAssist.Knowledge;

/// <summary>Vectors from one embedder were about to be mixed with an index built by another.</summary>
public sealed class EmbedderMismatchException : Exception
{
    /// <summary>The command that rebuilds the index with the configured embedder.</summary>
    public const string RebuildCommand = "SupportAssist__KnowledgeBase__StartupIndexing=Rebuild dotnet run --project src/SupportAssist.Api";

    /// <summary>Creates the exception for an index built by <paramref name="indexed"/> and a write from <paramref name="configured"/>.</summary>
    public EmbedderMismatchException(string indexed, string configured)
        : base($"The index was built with the embedder '{indexed}', but the configured embedder is '{configured}'; vectors of the two cannot be mixed. Re-index with: {RebuildCommand}")
    {
        Indexed = indexed;
        Configured = configured;
    }

    /// <summary>Creates the exception.</summary>
    public EmbedderMismatchException() : this("unknown", "unknown")
    {
    }

    /// <summary>Creates the exception.</summary>
    public EmbedderMismatchException(string message) : base(message)
    {
        Indexed = Configured = "unknown";
    }

    /// <summary>Creates the exception.</summary>
    public EmbedderMismatchException(string message, Exception innerException) : base(message, innerException)
    {
        Indexed = Configured = "unknown";
    }

    /// <summary>The embedder that built the index.</summary>
    public string Indexed { get; }

    /// <summary>The embedder configured now.</summary>
    public string Configured { get; }
}
