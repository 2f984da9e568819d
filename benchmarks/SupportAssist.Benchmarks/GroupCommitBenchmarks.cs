using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Outcomes;

namespace SupportAssist.Benchmarks;

/// <summary>
/// Outcome inserts through <see cref="SqliteOutcomeLog"/> by <see cref="Writers"/> concurrent writers (each awaits its
/// write before the next, as a request does), 256 writes per invocation: through the group-commit
/// <see cref="SqliteWriter"/>, against one transaction per write straight on the file. The time per operation is per
/// write, so writes/s is 1 s divided by the mean.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class GroupCommitBenchmarks
{
    private const int WritesPerInvocation = 256;
    private string _folder = "";
    private SqliteDatabase _database = null!;
    private SqliteWriter _writer = null!;
    private SqliteOutcomeLog _grouped = null!;
    private SqliteOutcomeLog _direct = null!;

    [Params(1, 8, 32)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("supportassist-bench-").FullName;
        _database = new SqliteDatabase(Path.Combine(_folder, "outcomes.db"), NullLogger<SqliteDatabase>.Instance);
        _database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        _writer = new SqliteWriter(_database, NullLogger<SqliteWriter>.Instance);
        _grouped = new SqliteOutcomeLog(_database, _writer);
        _direct = new SqliteOutcomeLog(_database);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = WritesPerInvocation, Description = "one transaction per write (no writer)")]
    public Task Direct() => RunAsync(_direct);

    [Benchmark(OperationsPerInvoke = WritesPerInvocation, Description = "group commit (SqliteWriter)")]
    public Task GroupCommit() => RunAsync(_grouped);

    private Task RunAsync(SqliteOutcomeLog log) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => WriteInTurnAsync(log, WritesPerInvocation / Writers))));

    private static async Task WriteInTurnAsync(SqliteOutcomeLog log, int writes)
    {
        for (var i = 0; i < writes; i++) await log.RecordAsync(NewOutcome(), CancellationToken.None);
    }

    private static Outcome NewOutcome() => new(
        Guid.NewGuid(), "deflection", DateTimeOffset.UtcNow, "how do I refund a payment to a customer", "en", "refunds", null, null, "answer", 0.82,
        ["grounded"], [new RetrievedChunk("refunds-issue", "refunds-issue#0000000001ab", 0.82)], ["refunds-issue"],
        "Open the payment in the dashboard and choose Refund.", ["refunds-issue#0000000001ab"], "extractive/1", 12.5);
}
