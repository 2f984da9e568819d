namespace SupportAssist.Retrieval;

/// <summary>
/// The embedding provider could not embed: unreachable, timed out, rate limited or an error status. Retrieval
/// degrades to BM25 and answers to lexical ranking; a write that needs vectors fails with it.
/// </summary>
public sealed class EmbeddingUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingUnavailableException() : base("the embedding provider is unavailable")
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public EmbeddingUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public EmbeddingUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
