using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure.Postgres;

/// <summary>
/// Brings the PostgreSQL schema up to date at start, under the migration advisory lock (one migrator among replicas
/// starting together). A database that cannot be reached yet does not stop the host: it listens, answers writes with
/// 503 and migrates on the first connection that succeeds.
/// </summary>
public sealed partial class PostgresMigrator(IOptions<StorageOptions> options, Lazy<PostgresDatabase> database, ILogger<PostgresMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved only when chosen: the embedded default never builds a PostgreSQL data source.
        if (!options.Value.UsesPostgres) return;
        try
        {
            await database.Value.MigrateAsync(cancellationToken);
        }
        catch (StoreUnavailableException error)
        {
            LogDeferred(logger, error.InnerException?.Message ?? error.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL cannot be reached at start ({Reason}); migrations run on the first connection that succeeds")]
    private static partial void LogDeferred(ILogger logger, string reason);
}
