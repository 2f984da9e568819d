using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// Ready when Qdrant answers its health check and the alias leads to a collection. Unreachable is unhealthy,
/// or degraded when a local BM25 copy answers searches meanwhile; no index yet is degraded (searches find nothing).
/// </summary>
public sealed class QdrantHealthCheck(QdrantGateway client, QdrantCollections collections, IOptions<VectorStoreOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.ReadyAsync(cancellationToken);
            return await collections.DescribeAsync(cancellationToken, fresh: true) is { } index
                ? HealthCheckResult.Healthy($"Qdrant alias '{collections.Alias}': about {index.Points ?? 0} points, embedded with {index.Identity}")
                : HealthCheckResult.Degraded($"Qdrant answers but alias '{collections.Alias}' leads to no collection yet: nothing is indexed");
        }
        catch (QdrantException ex)
        {
            // Our words only (the endpoint answers anyone); Qdrant's own text stays in the exception, for the log.
            var reason = ex.Transient ? "Qdrant cannot be reached" : "Qdrant refused the request: check the API key and the endpoint";
            return options.Value.Qdrant.LocalFallback
                ? HealthCheckResult.Degraded($"{reason}; searches answer from the local BM25 copy", ex)
                : HealthCheckResult.Unhealthy(reason, ex);
        }
    }
}
