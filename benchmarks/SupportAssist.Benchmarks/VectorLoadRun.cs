using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Infrastructure.Sqlite;

namespace SupportAssist.Benchmarks;

/// <summary>
/// One bounded load of a synthetic file into a new vector index in a fresh process, printing the process's resident
/// memory before and after (and its peak), the managed heap, and what the index must hold: the vectors' bytes and the
/// chunk text kept (each row's id, heading path, text and content hash as one UTF-8 record).
/// </summary>
internal static class VectorLoadRun
{
    private const int Dimensions = 384;

    public static async Task RunAsync(int chunks)
    {
        var path = SyntheticVectorFile.CopyOf(chunks, Dimensions);
        using var gate = new SqliteWriteGate();
        using var database = new SqliteDatabase(path, NullLogger<SqliteDatabase>.Instance);
        await database.MigrateAsync(CancellationToken.None);
        var textBytes = await TextBytesAsync(database);

        Collect();
        using var process = Process.GetCurrentProcess();
        var before = Environment.WorkingSet;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var index = new SqliteVectorIndex(database, gate);
        var loaded = await index.WarmUpAsync(CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Collect();
        var after = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        process.Refresh();
        var vectorBytes = SyntheticVectorFile.VectorBytes(loaded, Dimensions);

        Console.WriteLine($"rows loaded               {loaded:N0} ({Dimensions}-d)");
        Console.WriteLine($"load time                 {elapsed.TotalMilliseconds:N0} ms");
        Console.WriteLine($"vector bytes              {Mb(vectorBytes)}");
        Console.WriteLine($"text kept (estimated)     {Mb(textBytes)}");
        Console.WriteLine($"allocated during load     {Mb(allocated)}");
        Console.WriteLine($"managed heap after load   {Mb(heap)}");
        Console.WriteLine($"RSS before / after load   {Mb(before)} / {Mb(after)} (growth {Mb(after - before)})");
        Console.WriteLine($"peak RSS of the process   {Mb(process.PeakWorkingSet64)}");
        Console.WriteLine($"RSS growth / (vectors + text) = {(double)(after - before) / (vectorBytes + textBytes):F2}");
        Console.WriteLine($"RSS growth - text, / vectors  = {(double)(after - before - textBytes) / vectorBytes:F2}");
        GC.KeepAlive(index);

        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    // Each row keeps its text as one UTF-8 record (IndexedText: a 24-byte array header, four lengths, the bytes, rounded
    // to 8); the article fields are shared per article and not counted.
    private static async Task<long> TextBytesAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sum(((24 + 16 + length(CAST(id AS BLOB)) + length(CAST(heading_path AS BLOB)) + length(CAST(text AS BLOB))
                         + length(CAST(content_hash AS BLOB)) + 7) / 8) * 8)
            FROM chunks
            """;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static string Mb(long bytes) => $"{bytes / 1_048_576.0:N1} MB";
}
