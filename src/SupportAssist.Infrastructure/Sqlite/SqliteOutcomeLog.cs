using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>The outcome store on the embedded SQLite file: outcomes as JSON records, feedback as rows.</summary>
public sealed class SqliteOutcomeLog(SqliteDatabase database) : IOutcomeLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO outcomes (id, kind, at, decision, session_id, record) VALUES ($id, $kind, $at, $decision, $session, $record)";
        command.Parameters.AddWithValue("$id", outcome.Id.ToString("D"));
        command.Parameters.AddWithValue("$kind", outcome.Kind);
        command.Parameters.AddWithValue("$at", outcome.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$decision", outcome.Decision);
        command.Parameters.AddWithValue("$session", (object?)outcome.SessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$record", JsonSerializer.Serialize(outcome, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RecordFeedbackAsync(FeedbackEvent feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement: the row goes in only if its outcome exists, so a race with nothing cannot half-write.
        command.CommandText = """
            INSERT INTO outcome_feedback (outcome_id, kind, at, comment)
            SELECT id, $kind, $at, $comment FROM outcomes WHERE id = $id
            """;
        command.Parameters.AddWithValue("$id", feedback.OutcomeId.ToString("D"));
        command.Parameters.AddWithValue("$kind", feedback.Kind);
        command.Parameters.AddWithValue("$at", feedback.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$comment", (object?)feedback.Comment ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM outcomes WHERE id = $id";
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        return await command.ExecuteScalarAsync(cancellationToken) is string record ? JsonSerializer.Deserialize<Outcome>(record, Json) : null;
    }

    public async Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, at, comment FROM outcome_feedback WHERE outcome_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", outcomeId.ToString("D"));
        var events = new List<FeedbackEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new FeedbackEvent(outcomeId, reader.GetString(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return events;
    }
}
