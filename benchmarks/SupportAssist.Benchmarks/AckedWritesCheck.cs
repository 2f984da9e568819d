using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Infrastructure.Postgres;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Outcomes;

namespace SupportAssist.Benchmarks;

/// <summary>
/// After a drill: every deflection id the service acknowledged (one per line in a file written by <see cref="LoadRun"/>)
/// must be in the outcome store, read through the store's own interface. Prints the count found and missing.
/// </summary>
internal static class AckedWritesCheck
{
    // verify-acked <file> sqlite <path> | verify-acked <file> postgres <connection string>
    public static async Task<int> RunAsync(string[] args)
    {
        var ids = File.ReadAllLines(args[1]).Where(l => l.Length > 0).Select(Guid.Parse).ToList();
        IOutcomeLog log;
        PostgresDatabase? owner = null;
        if (args[2] == "postgres")
        {
            var database = new PostgresDatabase(args[3], NullLogger<PostgresDatabase>.Instance);
            owner = database;
            log = new PostgresOutcomeLog(database, new PostgresWriter(database, NullLogger<PostgresWriter>.Instance));
        }
        else
        {
            log = new SqliteOutcomeLog(new SqliteDatabase(args[3], NullLogger<SqliteDatabase>.Instance));
        }
        var missing = 0;
        foreach (var id in ids)
        {
            if (await log.GetAsync(id, CancellationToken.None) is null) missing++;
        }
        if (owner is not null) await owner.DisposeAsync();
        Console.WriteLine($"acknowledged deflections: {ids.Count}, in the store: {ids.Count - missing}, missing: {missing}");
        return missing == 0 && ids.Count > 0 ? 0 : 1;
    }
}
