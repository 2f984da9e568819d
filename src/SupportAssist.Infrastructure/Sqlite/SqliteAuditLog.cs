using System.Globalization;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>The audit trail on the embedded SQLite file (table <c>audit</c>).</summary>
public sealed class SqliteAuditLog(SqliteDatabase database, TimeProvider clock, SqliteWriter? writer = null) : IAuditLog
{
    public Task RecordAsync(string actor, string action, string target, string outcome, CancellationToken cancellationToken) =>
        SqliteWriter.WriteAsync(database, writer, async (connection, transaction, token) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO audit (at, actor, action, target, outcome) VALUES ($at, $actor, $action, $target, $outcome)";
            command.Parameters.AddWithValue("$at", clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$actor", actor);
            command.Parameters.AddWithValue("$action", action);
            command.Parameters.AddWithValue("$target", target);
            command.Parameters.AddWithValue("$outcome", outcome);
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(int limit, long? before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, actor, action, target, outcome FROM audit WHERE seq < $before ORDER BY seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$before", before ?? long.MaxValue);
        command.Parameters.AddWithValue("$limit", limit);
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(reader.GetInt64(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }
        return records;
    }
}
