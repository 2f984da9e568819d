using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using SupportAssist.Cases;

namespace SupportAssist.Infrastructure.Postgres;

/// <summary>
/// Cases on the shared PostgreSQL database (table <c>cases</c>): filter columns beside the case as JSON. An update
/// locks the case's row while it reads, changes and writes it, so replicas updating one case take turns.
/// </summary>
public sealed class PostgresCaseStore(PostgresDatabase database, PostgresWriter writer) : ICaseStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task<bool> CreateAsync(SupportCase supportCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(supportCase);
        return writer.WriteAsync(async (connection, transaction, token) =>
        {
            // A reference already taken inserts nothing (the id is new, so only the reference can clash).
            await using var command = new NpgsqlCommand("""
                INSERT INTO cases (id, updated_at, status, queue, priority, document, reference, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (reference) DO NOTHING
                """, connection, transaction);
            Bind(command, supportCase);
            command.Parameters.AddWithValue(supportCase.Reference);
            command.Parameters.AddWithValue(supportCase.CreatedAt.ToUniversalTime());
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);
    }

    public Task<SupportCase?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, token) => ReadAsync(connection, null, id, token), cancellationToken);

    public Task<CasePage> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.ReadAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand { Connection = connection };
            var where = new List<string>();
            void Where(string clause, object value)
            {
                command.Parameters.AddWithValue(value);
                where.Add(clause.Replace("@", "$" + command.Parameters.Count, StringComparison.Ordinal));
            }
            if (query.Queue is not null) Where("queue = @", query.Queue);
            if (query.Priority is { } priority) Where("priority = @", priority.ToString());
            if (query.Status is { } status) Where("status = @", status.ToString());
            if (query.CreatedBefore is { } before) Where("created_at < @", before.ToUniversalTime());
            if (query.CreatedAfter is { } after) Where("created_at > @", after.ToUniversalTime());
            if (query.After is { } cursor)
            {
                command.Parameters.AddWithValue(cursor.CreatedAt.ToUniversalTime());
                command.Parameters.AddWithValue(cursor.Id);
                var at = "$" + (command.Parameters.Count - 1);
                var id = "$" + command.Parameters.Count;
                where.Add($"(created_at < {at} OR (created_at = {at} AND id < {id}))");
            }
            // One more than asked: whether a next page exists.
            command.Parameters.AddWithValue(query.Limit + 1);
            command.CommandText = "SELECT document::text FROM cases" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
                + " ORDER BY created_at DESC, id DESC LIMIT $" + command.Parameters.Count;
            var cases = new List<SupportCase>();
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token)) cases.Add(Deserialize(reader.GetString(0)));
            }
            if (cases.Count <= query.Limit) return new CasePage(cases, null);
            cases.RemoveAt(cases.Count - 1);
            return new CasePage(cases, new CaseCursor(cases[^1].CreatedAt, cases[^1].Id));
        }, cancellationToken);
    }

    public Task<SupportCase?> UpdateAsync(Guid id, Func<SupportCase, SupportCase> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return writer.WriteAsync(async (connection, transaction, token) =>
        {
            if (await ReadAsync(connection, transaction, id, token) is not { } current) return null;
            var changed = change(current);
            if (!ReferenceEquals(changed, current))
            {
                await using var command = new NpgsqlCommand(
                    "UPDATE cases SET updated_at = $2, status = $3, queue = $4, priority = $5, document = $6 WHERE id = $1", connection, transaction);
                Bind(command, changed with { Id = current.Id, Reference = current.Reference, CreatedAt = current.CreatedAt });
                await command.ExecuteNonQueryAsync(token);
            }
            return changed;
        }, cancellationToken);
    }

    // Inside a write the row is locked until the batch commits: no other replica changes it in between.
    private static async Task<SupportCase?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT document::text FROM cases WHERE id = $1" + (transaction is null ? "" : " FOR UPDATE"), connection, transaction);
        command.Parameters.AddWithValue(id);
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? Deserialize(document) : null;
    }

    // Parameters $1..$6: id, updated, status, queue, priority, document.
    private static void Bind(NpgsqlCommand command, SupportCase supportCase)
    {
        command.Parameters.AddWithValue(supportCase.Id);
        command.Parameters.AddWithValue(supportCase.UpdatedAt.ToUniversalTime());
        command.Parameters.AddWithValue(supportCase.Status.ToString());
        command.Parameters.AddWithValue(supportCase.Triage.Queue);
        command.Parameters.AddWithValue(supportCase.Triage.Priority.ToString());
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(supportCase, Json));
    }

    private static SupportCase Deserialize(string document) =>
        JsonSerializer.Deserialize<SupportCase>(document, Json) ?? throw new InvalidDataException("A stored case is empty.");
}
