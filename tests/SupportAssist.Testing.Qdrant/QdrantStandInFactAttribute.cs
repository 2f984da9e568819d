namespace SupportAssist.Testing;

/// <summary>A [Fact] that runs against the gRPC Qdrant stand-in: skipped, saying why, when it was built without Qdrant's protocol definitions.</summary>
public sealed class QdrantStandInFactAttribute : FactAttribute
{
    public QdrantStandInFactAttribute()
    {
        if (!FakeQdrantServer.Available) Skip = FakeQdrantServer.AbsentMessage;
    }
}
