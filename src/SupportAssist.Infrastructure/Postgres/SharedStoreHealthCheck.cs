using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure.Postgres;

/// <summary>Ready when the shared store answers: always on the embedded file (its own check covers it), a query on PostgreSQL.</summary>
public sealed class SharedStoreHealthCheck(IOptions<StorageOptions> options, Lazy<PostgresDatabase> database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.UsesPostgres) return HealthCheckResult.Healthy("outcomes, cases and audit in the embedded SQLite file");
        try
        {
            await database.Value.ReadAsync(async (connection, token) =>
            {
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                return await command.ExecuteScalarAsync(token);
            }, cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (StoreUnavailableException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL cannot be reached");
        }
    }
}
