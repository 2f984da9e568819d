using Grpc.Core;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>A Qdrant call failed: the server could not be reached (<see cref="Status"/> null) or answered an error status.</summary>
public sealed class QdrantException : IndexUnavailableException
{
    public QdrantException()
    {
    }

    public QdrantException(string message) : base(message)
    {
    }

    public QdrantException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public QdrantException(string message, StatusCode? status, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>The gRPC status Qdrant answered, or null when it could not be reached (or did not answer in time).</summary>
    public StatusCode? Status { get; }

    /// <summary>Unreachable, overloaded or failing may pass; a refused key or a refused request will not.</summary>
    public override bool Transient => Status is null
        or StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded;
}
