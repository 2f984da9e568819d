using Grpc.Core;
using Qdrant.Client.Grpc;

namespace SupportAssist.Testing;

/// <summary>Qdrant's own health check (service <c>qdrant.Qdrant</c>): its title and version.</summary>
internal sealed class FakeQdrantHealthService : Qdrant.Client.Grpc.Qdrant.QdrantBase
{
    public override Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthCheckReply { Title = "qdrant - vector search engine", Version = "1.19.0" });
}
