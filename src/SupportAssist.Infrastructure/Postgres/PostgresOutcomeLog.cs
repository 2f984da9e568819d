using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure.Postgres;

/// <summary>
/// The outcome store on the shared PostgreSQL database: outcomes as JSON records, feedback as rows, written through the
/// group-commit <see cref="PostgresWriter"/>. Feedback locks its outcome's row while it reads the earlier events and
/// writes the new one, so two replicas cannot both store conflicting feedback.
/// </summary>
public sealed class PostgresOutcomeLog(PostgresDatabase database, PostgresWriter writer) : IOutcomeLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return writer.WriteAsync(async (connection, transaction, token) =>
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO outcomes (id, kind, at, decision, session_id, record) VALUES ($1, $2, $3, $4, $5, $6)", connection, transaction);
            command.Parameters.AddWithValue(outcome.Id);
            command.Parameters.AddWithValue(outcome.Kind);
            command.Parameters.AddWithValue(outcome.At.ToUniversalTime());
            command.Parameters.AddWithValue(outcome.Decision);
            command.Parameters.AddWithValue((object?)outcome.SessionId ?? DBNull.Value);
            command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(outcome, Json));
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }

    public Task<FeedbackResult> RecordFeedbackAsync(FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(rule);
        return writer.WriteAsync(async (connection, transaction, token) =>
        {
            await using (var kind = new NpgsqlCommand("SELECT kind FROM outcomes WHERE id = $1 FOR UPDATE", connection, transaction))
            {
                kind.Parameters.AddWithValue(feedback.OutcomeId);
                if (await kind.ExecuteScalarAsync(token) as string != outcomeKind) return new FeedbackResult(FeedbackStatus.UnknownOutcome);
            }
            var result = rule(await ReadFeedbackAsync(connection, transaction, feedback.OutcomeId, token), feedback);
            if (result.Status != FeedbackStatus.Recorded) return result;

            await using var insert = new NpgsqlCommand(
                "INSERT INTO outcome_feedback (outcome_id, kind, at, comment, final_text) VALUES ($1, $2, $3, $4, $5)", connection, transaction);
            insert.Parameters.AddWithValue(feedback.OutcomeId);
            insert.Parameters.AddWithValue(feedback.Kind);
            insert.Parameters.AddWithValue(feedback.At.ToUniversalTime());
            insert.Parameters.AddWithValue((object?)feedback.Comment ?? DBNull.Value);
            insert.Parameters.AddWithValue((object?)feedback.FinalText ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(token);
            return result;
        }, cancellationToken);
    }

    public Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("SELECT record::text FROM outcomes WHERE id = $1", connection);
            command.Parameters.AddWithValue(id);
            return await command.ExecuteScalarAsync(token) is string record ? JsonSerializer.Deserialize<Outcome>(record, Json) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, token) => ReadFeedbackAsync(connection, null, outcomeId, token), cancellationToken);

    public Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<(Outcome, IReadOnlyList<FeedbackEvent>)>>(async (connection, token) =>
        {
            var from = since == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch.AddYears(-1000) : since.ToUniversalTime();
            var outcomes = new List<Outcome>();
            await using (var command = new NpgsqlCommand("SELECT record::text FROM outcomes WHERE at >= $1 ORDER BY at, seq", connection))
            {
                command.Parameters.AddWithValue(from);
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token)) outcomes.Add(JsonSerializer.Deserialize<Outcome>(reader.GetString(0), Json)!);
            }
            // The feedback of the whole period in one query, not one per outcome.
            var feedback = new Dictionary<Guid, List<FeedbackEvent>>();
            await using (var command = new NpgsqlCommand("""
                SELECT f.outcome_id, f.kind, f.at, f.comment, f.final_text FROM outcome_feedback f
                JOIN outcomes o ON o.id = f.outcome_id WHERE o.at >= $1 ORDER BY f.seq
                """, connection))
            {
                command.Parameters.AddWithValue(from);
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    var id = reader.GetGuid(0);
                    if (!feedback.TryGetValue(id, out var events)) feedback[id] = events = [];
                    events.Add(ReadEvent(reader, id, 1));
                }
            }
            return outcomes.Select(o => (o, (IReadOnlyList<FeedbackEvent>)(feedback.TryGetValue(o.Id, out var events) ? events : []))).ToList();
        }, cancellationToken);

    private static async Task<IReadOnlyList<FeedbackEvent>> ReadFeedbackAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid outcomeId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT kind, at, comment, final_text FROM outcome_feedback WHERE outcome_id = $1 ORDER BY seq", connection, transaction);
        command.Parameters.AddWithValue(outcomeId);
        var events = new List<FeedbackEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) events.Add(ReadEvent(reader, outcomeId, 0));
        return events;
    }

    private static FeedbackEvent ReadEvent(NpgsqlDataReader reader, Guid outcomeId, int first) =>
        new(outcomeId, reader.GetString(first), reader.GetFieldValue<DateTimeOffset>(first + 1), reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2))
        {
            FinalText = reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
        };
}
