using Npgsql;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Postgres;

/// <summary>The audit trail on the shared PostgreSQL database (table <c>audit</c>), appended through the group-commit writer.</summary>
public sealed class PostgresAuditLog(PostgresDatabase database, PostgresWriter writer, TimeProvider clock) : IAuditLog
{
    public Task RecordAsync(string actor, string action, string target, string outcome, CancellationToken cancellationToken) =>
        writer.WriteAsync(async (connection, transaction, token) =>
        {
            await using var command = new NpgsqlCommand("INSERT INTO audit (at, actor, action, target, outcome) VALUES ($1, $2, $3, $4, $5)", connection, transaction);
            command.Parameters.AddWithValue(clock.GetUtcNow());
            command.Parameters.AddWithValue(actor);
            command.Parameters.AddWithValue(action);
            command.Parameters.AddWithValue(target);
            command.Parameters.AddWithValue(outcome);
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> ReadAsync(int limit, long? before, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AuditRecord>>(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("SELECT seq, at, actor, action, target, outcome FROM audit WHERE seq < $1 ORDER BY seq DESC LIMIT $2", connection);
            command.Parameters.AddWithValue(before ?? long.MaxValue);
            command.Parameters.AddWithValue(limit);
            var records = new List<AuditRecord>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                records.Add(new AuditRecord(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1),
                    reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
            return records;
        }, cancellationToken);
}
