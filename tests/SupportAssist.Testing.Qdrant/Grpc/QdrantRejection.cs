using Grpc.Core;

namespace SupportAssist.Testing;

/// <summary>Qdrant's refusals as its gRPC API answers them (StorageError mapped to a status, with Qdrant's wording).</summary>
internal static class QdrantRejection
{
    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, $"Not found: {message}"));

    public static RpcException WrongInput(string message) => new(new Status(StatusCode.InvalidArgument, $"Wrong input: {message}"));

    public static RpcException AlreadyExists(string message) => new(new Status(StatusCode.AlreadyExists, message));

    /// <summary>A request Qdrant would accept but this stand-in does not model: fails loudly rather than answering wrongly.</summary>
    public static RpcException Unsupported(string what) => new(new Status(StatusCode.Unimplemented, $"The Qdrant stand-in does not support {what}"));
}
