using Grpc.Core;

namespace SupportAssist.Testing;

/// <summary>
/// One call as the Qdrant stand-in answered it: the service and method (<c>Points/Upsert</c>), the collection the
/// request names (null for calls without one), and the status answered (null: the connection was dropped).
/// </summary>
public sealed record QdrantRequestRecord(string Method, string? Collection, StatusCode? Status);
