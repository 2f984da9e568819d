using Qdrant.Client.Grpc;

namespace SupportAssist.Testing;

/// <summary>Qdrant's id order (the derived order of its ExtendedPointId enum): every integer before every UUID, UUIDs by their bytes.</summary>
internal sealed class PointIdOrder : IComparer<PointId>
{
    public static readonly PointIdOrder Instance = new();

    public int Compare(PointId? x, PointId? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return (x.PointIdOptionsCase, y.PointIdOptionsCase) switch
        {
            (PointId.PointIdOptionsOneofCase.Num, PointId.PointIdOptionsOneofCase.Num) => x.Num.CompareTo(y.Num),
            (PointId.PointIdOptionsOneofCase.Num, _) => -1,
            (_, PointId.PointIdOptionsOneofCase.Num) => 1,
            // The lowercase "D" form orders exactly like the UUID's big-endian bytes.
            _ => string.CompareOrdinal(x.Uuid, y.Uuid),
        };
    }

    /// <summary>The id as Qdrant keeps it: a UUID in its lowercase hyphenated form; refused when neither a number nor a UUID.</summary>
    public static PointId Normalize(PointId? id, string path) => id?.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Num => new PointId { Num = id.Num },
        PointId.PointIdOptionsOneofCase.Uuid when Guid.TryParse(id.Uuid, out var uuid) => new PointId { Uuid = uuid.ToString("D") },
        _ => throw QdrantRejection.WrongInput($"{path}: {id} is not a valid point ID, valid values are either an unsigned integer or a UUID"),
    };
}
