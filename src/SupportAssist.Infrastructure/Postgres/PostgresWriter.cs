using Microsoft.Extensions.Logging;
using Npgsql;
using SupportAssist.Diagnostics;
using SupportAssist.Infrastructure.Storage;

namespace SupportAssist.Infrastructure.Postgres;

/// <summary>
/// Group commit to the shared PostgreSQL database (see <see cref="GroupCommitWriter{TConnection, TTransaction}"/>):
/// one transaction and one round of commits per batch instead of one per request. Writes that must see the rows they
/// change lock them (<c>SELECT … FOR UPDATE</c>), so replicas writing the same record take turns.
/// </summary>
public sealed class PostgresWriter(PostgresDatabase database, ILogger<PostgresWriter> logger, int capacity = 4096, int maxBatch = 256, SupportAssistMetrics? metrics = null)
    : GroupCommitWriter<NpgsqlConnection, NpgsqlTransaction>(logger, capacity, maxBatch, metrics)
{
    protected override Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    protected override Exception Translate(Exception error) => database.Translate(error);
}
