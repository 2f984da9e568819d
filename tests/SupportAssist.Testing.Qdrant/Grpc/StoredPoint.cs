using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace SupportAssist.Testing;

/// <summary>A point as stored: Cosine vectors already normalised, <see cref="Version"/> the operation that last wrote it.</summary>
internal sealed record StoredPoint(PointId Id, ulong Version, IReadOnlyDictionary<string, float[]> Dense, IReadOnlyDictionary<string, StoredSparse> Sparse, MapField<string, Value> Payload);
