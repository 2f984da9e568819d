using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SupportAssist.Diagnostics;
using SupportAssist.Infrastructure.Storage;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// Group commit for the embedded file (see <see cref="GroupCommitWriter{TConnection, TTransaction}"/>): one writer
/// per process, so writers never collide on SQLite's write lock and sleep in busy retries.
/// </summary>
public sealed class SqliteWriter(SqliteDatabase database, ILogger<SqliteWriter> logger, int capacity = 4096, int maxBatch = 256, SupportAssistMetrics? metrics = null)
    : GroupCommitWriter<SqliteConnection, SqliteTransaction>(logger, capacity, maxBatch, metrics)
{
    protected override Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> through <paramref name="writer"/>'s next batch when there is a writer (the service),
    /// or in a transaction of its own on <paramref name="database"/> (tools and tests that open the file directly).
    /// </summary>
    public static async Task<T> WriteAsync<T>(
        SqliteDatabase database, SqliteWriter? writer, Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(work);
        if (writer is not null) return await writer.WriteAsync(work, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
