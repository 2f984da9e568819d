namespace SupportAssist.Testing;

/// <summary>A [Theory] that runs against the gRPC Qdrant stand-in: skipped, saying why, when it was built without Qdrant's protocol definitions.</summary>
public sealed class QdrantStandInTheoryAttribute : TheoryAttribute
{
    public QdrantStandInTheoryAttribute()
    {
        if (!FakeQdrantServer.Available) Skip = FakeQdrantServer.AbsentMessage;
    }
}
