using Npgsql;
using SupportAssist.Cases;
using SupportAssist.Infrastructure.Postgres;
using SupportAssist.Outcomes;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Tests.Storage;

/// <summary>
/// Two replicas, each with its own group-commit writer, on one PostgreSQL database: the row locks taken by feedback
/// and case updates make them take turns, so no update is lost and conflicting feedback is stored once.
/// </summary>
public sealed class PostgresReplicaTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task Concurrent_case_updates_through_two_replicas_are_all_kept()
    {
        await using var a = await SharedStores.CreateAsync(SharedStores.Postgres);
        await using var b = a.Replica();
        var c = new SupportCase(Guid.NewGuid(), "SA-REPL-0001", At, At, CaseStatus.Open, "Refund", "How do I refund?", "a@example.com", "en", null,
            new CaseTriage("refund_how_to", "refunds", Priority.P3, "general", Sentiment.Neutral, false, "en", 0.8, [], [], false, [], null), [], []);
        await a.Cases.CreateAsync(c, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Cases.UpdateAsync(c.Id,
            current => current with { Drafts = [.. current.Drafts, Guid.NewGuid()] }, CancellationToken.None))));

        Assert.Equal(40, (await b.Cases.GetAsync(c.Id, CancellationToken.None))!.Drafts.Count);
    }

    [PostgresFact]
    public async Task Conflicting_feedback_through_two_replicas_is_stored_once()
    {
        await using var a = await SharedStores.CreateAsync(SharedStores.Postgres);
        await using var b = a.Replica();
        var outcome = new Outcome(Guid.NewGuid(), "deflection", At, "q", null, null, null, null, "answer", 0.8, [], [], [], null, [], null, 1);
        await a.Outcomes.RecordAsync(outcome, CancellationToken.None);
        static FeedbackResult OneVerdict(IReadOnlyList<FeedbackEvent> existing, FeedbackEvent incoming) =>
            existing.Count == 0 ? new FeedbackResult(FeedbackStatus.Recorded) : new FeedbackResult(FeedbackStatus.Conflict, existing[0]);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Outcomes.RecordFeedbackAsync(
            new FeedbackEvent(outcome.Id, i % 4 < 2 ? "helpful" : "not_helpful", At, null), "deflection", OneVerdict, CancellationToken.None))));

        Assert.Single(results, r => r.Status == FeedbackStatus.Recorded);
        Assert.Single(await b.Outcomes.FeedbackAsync(outcome.Id, CancellationToken.None));
    }

    [PostgresFact]
    public async Task Replicas_starting_together_apply_each_migration_once()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            var databases = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(connectionString, NullLogger<PostgresDatabase>.Instance)).ToList();
            await Task.WhenAll(databases.Select(d => Task.Run(() => d.MigrateAsync(CancellationToken.None))));

            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var count = new NpgsqlCommand("SELECT count(*), max(version) FROM schema_migrations", connection);
                await using var reader = await count.ExecuteReaderAsync();
                await reader.ReadAsync();
                Assert.Equal(PostgresDatabase.LatestVersion, reader.GetInt64(0));
                Assert.Equal(PostgresDatabase.LatestVersion, reader.GetInt32(1));
            }
            foreach (var database in databases) await database.DisposeAsync();
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
