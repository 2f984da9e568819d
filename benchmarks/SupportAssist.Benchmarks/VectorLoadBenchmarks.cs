using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Infrastructure.Sqlite;

namespace SupportAssist.Benchmarks;

/// <summary>
/// Loading every vector of a 100k-chunk file (384-d) into a new in-memory index, as the service does on its first
/// search. Allocations are the diagnoser's; resident memory is <see cref="VectorLoadRun"/>'s (<c>vector-load</c>).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class VectorLoadBenchmarks
{
    private const int Dimensions = 384;
    private SqliteWriteGate _gate = null!;
    private SqliteDatabase _database = null!;

    [Params(100_000)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gate = new SqliteWriteGate();
        _database = new SqliteDatabase(SyntheticVectorFile.CopyOf(Chunks, Dimensions), NullLogger<SqliteDatabase>.Instance);
        _database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var folder = Path.GetDirectoryName(_database.Path)!;
        _database.Dispose();
        _gate.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Description = "load 100k chunks into a new index")]
    public Task<int> Load() => new SqliteVectorIndex(_database, _gate).WarmUpAsync(CancellationToken.None);
}
