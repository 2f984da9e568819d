using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using SupportAssist.Cases;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>Cases on the embedded SQLite file (table <c>cases</c>): filter columns beside the case as JSON.</summary>
public sealed class SqliteCaseStore(SqliteDatabase database, SqliteWriter? writer = null) : ICaseStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task<bool> CreateAsync(SupportCase supportCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(supportCase);
        return SqliteWriter.WriteAsync(database, writer, async (connection, transaction, token) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // A reference already taken inserts nothing (the id is new, so only the reference can clash).
            command.CommandText = """
                INSERT INTO cases (id, reference, created_at, updated_at, status, queue, priority, document)
                VALUES ($id, $reference, $created, $updated, $status, $queue, $priority, $document)
                ON CONFLICT (reference) DO NOTHING
                """;
            Bind(command, supportCase);
            command.Parameters.AddWithValue("$reference", supportCase.Reference);
            command.Parameters.AddWithValue("$created", Timestamp(supportCase.CreatedAt));
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);
    }

    public async Task<SupportCase?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, id, cancellationToken);
    }

    public async Task<CasePage> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Queue is not null) Where(command, where, "queue = $queue", "$queue", query.Queue);
        if (query.Priority is { } priority) Where(command, where, "priority = $priority", "$priority", priority.ToString());
        if (query.Status is { } status) Where(command, where, "status = $status", "$status", status.ToString());
        if (query.CreatedBefore is { } before) Where(command, where, "created_at < $before", "$before", Timestamp(before));
        if (query.CreatedAfter is { } after) Where(command, where, "created_at > $after", "$after", Timestamp(after));
        if (query.After is { } cursor)
        {
            where.Add("(created_at < $cursorAt OR (created_at = $cursorAt AND id < $cursorId))");
            command.Parameters.AddWithValue("$cursorAt", Timestamp(cursor.CreatedAt));
            command.Parameters.AddWithValue("$cursorId", cursor.Id.ToString("D"));
        }
        command.CommandText = "SELECT document FROM cases" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " ORDER BY created_at DESC, id DESC LIMIT $limit";
        // One more than asked: whether a next page exists.
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        var cases = new List<SupportCase>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) cases.Add(Deserialize(reader.GetString(0)));
        }
        if (cases.Count <= query.Limit) return new CasePage(cases, null);
        cases.RemoveAt(cases.Count - 1);
        return new CasePage(cases, new CaseCursor(cases[^1].CreatedAt, cases[^1].Id));
    }

    public Task<SupportCase?> UpdateAsync(Guid id, Func<SupportCase, SupportCase> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        // In one transaction with every write before it: no other writer changes the case between reading and writing it.
        return SqliteWriter.WriteAsync(database, writer, async (connection, transaction, token) =>
        {
            if (await ReadAsync(connection, transaction, id, token) is not { } current) return null;
            var changed = change(current);
            if (!ReferenceEquals(changed, current))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE cases SET updated_at = $updated, status = $status, queue = $queue, priority = $priority, document = $document WHERE id = $id";
                Bind(command, changed with { Id = current.Id, Reference = current.Reference, CreatedAt = current.CreatedAt });
                await command.ExecuteNonQueryAsync(token);
            }
            return changed;
        }, cancellationToken);
    }

    private static async Task<SupportCase?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT document FROM cases WHERE id = $id";
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? Deserialize(document) : null;
    }

    private static void Bind(SqliteCommand command, SupportCase supportCase)
    {
        command.Parameters.AddWithValue("$id", supportCase.Id.ToString("D"));
        command.Parameters.AddWithValue("$updated", Timestamp(supportCase.UpdatedAt));
        command.Parameters.AddWithValue("$status", supportCase.Status.ToString());
        command.Parameters.AddWithValue("$queue", supportCase.Triage.Queue);
        command.Parameters.AddWithValue("$priority", supportCase.Triage.Priority.ToString());
        command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(supportCase, Json));
    }

    private static void Where(SqliteCommand command, List<string> where, string clause, string name, string value)
    {
        where.Add(clause);
        command.Parameters.AddWithValue(name, value);
    }

    // Fixed-width UTC text sorts as time does.
    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static SupportCase Deserialize(string document) =>
        JsonSerializer.Deserialize<SupportCase>(document, Json) ?? throw new InvalidDataException("A stored case is empty.");
}
