using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>Ready when the database answers a query and the vectors are loaded in memory.</summary>
public sealed class SqliteHealthCheck(IKnowledgeStore store, SqliteVectorIndex vectorIndex) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var articles = await store.CountArticlesAsync(cancellationToken);
            var chunks = await vectorIndex.WarmUpAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{articles} articles, {chunks} chunks in memory");
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("the knowledge store does not answer", ex);
        }
    }
}
