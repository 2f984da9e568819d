using Grpc.Core;

namespace SupportAssist.Testing;

/// <summary>
/// A fault to inject: wait <paramref name="Delay"/>, then drop the connection (<paramref name="Abort"/>), serve the call
/// normally (<see cref="StatusCode.OK"/>: just a slow Qdrant), or answer <paramref name="Status"/> with <paramref name="Error"/>.
/// </summary>
public sealed record QdrantFault(StatusCode Status = StatusCode.Unavailable, string? Error = null, TimeSpan Delay = default, bool Abort = false);
