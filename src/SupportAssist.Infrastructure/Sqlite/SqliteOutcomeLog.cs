using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// The outcome store on the embedded SQLite file: outcomes as JSON records, feedback as rows. Writes go through the
/// group-commit <see cref="SqliteWriter"/> when there is one (the service), or straight to the file (tools).
/// </summary>
public sealed class SqliteOutcomeLog(SqliteDatabase database, SqliteWriter? writer = null) : IOutcomeLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return WriteAsync((connection, transaction, token) => InsertAsync(connection, transaction, outcome, token), cancellationToken);
    }

    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        SqliteWriter.WriteAsync(database, writer, work, cancellationToken);

    private static async Task<bool> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, Outcome outcome, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO outcomes (id, kind, at, decision, session_id, record) VALUES ($id, $kind, $at, $decision, $session, $record)";
        command.Parameters.AddWithValue("$id", outcome.Id.ToString("D"));
        command.Parameters.AddWithValue("$kind", outcome.Kind);
        command.Parameters.AddWithValue("$at", outcome.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$decision", outcome.Decision);
        command.Parameters.AddWithValue("$session", (object?)outcome.SessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$record", JsonSerializer.Serialize(outcome, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public Task<FeedbackResult> RecordFeedbackAsync(FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(rule);
        // In one transaction with every write before it (the writer runs one write at a time): the rule sees every
        // event stored before this one, and no conflicting event can slip in between reading them and writing.
        return WriteAsync((connection, transaction, token) => RecordFeedbackAsync(connection, transaction, feedback, outcomeKind, rule, token), cancellationToken);
    }

    private static async Task<FeedbackResult> RecordFeedbackAsync(
        SqliteConnection connection, SqliteTransaction transaction, FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken)
    {
        await using (var kind = connection.CreateCommand())
        {
            kind.Transaction = transaction;
            kind.CommandText = "SELECT kind FROM outcomes WHERE id = $id";
            kind.Parameters.AddWithValue("$id", feedback.OutcomeId.ToString("D"));
            if (await kind.ExecuteScalarAsync(cancellationToken) as string != outcomeKind) return new FeedbackResult(FeedbackStatus.UnknownOutcome);
        }
        var result = rule(await ReadFeedbackAsync(connection, transaction, feedback.OutcomeId, cancellationToken), feedback);
        if (result.Status != FeedbackStatus.Recorded) return result;

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO outcome_feedback (outcome_id, kind, at, comment, final_text) VALUES ($id, $kind, $at, $comment, $final)";
        insert.Parameters.AddWithValue("$id", feedback.OutcomeId.ToString("D"));
        insert.Parameters.AddWithValue("$kind", feedback.Kind);
        insert.Parameters.AddWithValue("$at", feedback.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$comment", (object?)feedback.Comment ?? DBNull.Value);
        insert.Parameters.AddWithValue("$final", (object?)feedback.FinalText ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    public async Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM outcomes WHERE id = $id";
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        return await command.ExecuteScalarAsync(cancellationToken) is string record ? JsonSerializer.Deserialize<Outcome>(record, Json) : null;
    }

    /// <summary>Every outcome, oldest first, with its feedback: what the outcomes eval reads.</summary>
    public Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadAllAsync(CancellationToken cancellationToken) =>
        ReadSinceAsync(DateTimeOffset.MinValue, cancellationToken);

    public async Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var outcomes = new List<Outcome>();
        await using (var command = connection.CreateCommand())
        {
            // 'at' is round-trip UTC text, which sorts and compares as time does.
            command.CommandText = "SELECT record FROM outcomes WHERE at >= $since ORDER BY at, rowid";
            command.Parameters.AddWithValue("$since", since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) outcomes.Add(JsonSerializer.Deserialize<Outcome>(reader.GetString(0), Json)!);
        }
        // The feedback of the whole period in one query, not one per outcome.
        var feedback = new Dictionary<Guid, List<FeedbackEvent>>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT f.outcome_id, f.kind, f.at, f.comment, f.final_text FROM outcome_feedback f
                JOIN outcomes o ON o.id = f.outcome_id WHERE o.at >= $since ORDER BY f.seq
                """;
            command.Parameters.AddWithValue("$since", since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = Guid.Parse(reader.GetString(0));
                if (!feedback.TryGetValue(id, out var events)) feedback[id] = events = [];
                events.Add(new FeedbackEvent(id, reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    reader.IsDBNull(3) ? null : reader.GetString(3))
                { FinalText = reader.IsDBNull(4) ? null : reader.GetString(4) });
            }
        }
        return outcomes.Select(o => (o, (IReadOnlyList<FeedbackEvent>)(feedback.TryGetValue(o.Id, out var events) ? events : []))).ToList();
    }

    public async Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadFeedbackAsync(connection, null, outcomeId, cancellationToken);
    }

    private static async Task<IReadOnlyList<FeedbackEvent>> ReadFeedbackAsync(SqliteConnection connection, SqliteTransaction? transaction, Guid outcomeId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT kind, at, comment, final_text FROM outcome_feedback WHERE outcome_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", outcomeId.ToString("D"));
        var events = new List<FeedbackEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new FeedbackEvent(outcomeId, reader.GetString(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.IsDBNull(2) ? null : reader.GetString(2))
            { FinalText = reader.IsDBNull(3) ? null : reader.GetString(3) });
        }
        return events;
    }
}
