namespace SupportAssist.Api.Tests;

/// <summary>A [Fact] that needs both the PostgreSQL test server and the gRPC Qdrant stand-in: skipped, saying which is missing.</summary>
public sealed class PostgresAndQdrantStandInFactAttribute : FactAttribute
{
    public PostgresAndQdrantStandInFactAttribute()
    {
        if (!PostgresServer.Runs) Skip = PostgresServer.SkipReason;
        else if (!FakeQdrantServer.Available) Skip = FakeQdrantServer.AbsentMessage;
    }
}
