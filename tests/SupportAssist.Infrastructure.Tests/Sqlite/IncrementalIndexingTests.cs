using SupportAssist.Infrastructure.Tests.Indexing;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

public sealed class IncrementalIndexingTests : IDisposable
{
    private readonly TestKnowledgeBase _kb = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task Vectors_are_reloaded_from_the_file_by_a_new_process()
    {
        await SampleArticles.IngestPayoutsAsync(_kb.Ingestor);
        var before = await _kb.DenseIdsAsync("first payout seven days");

        using var restarted = new TestKnowledgeBase(folder: Directory.CreateTempSubdirectory("supportassist-tests-").FullName);
        File.Copy(_kb.Database.Path, restarted.Database.Path);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(_kb.Database.Path + suffix)) File.Copy(_kb.Database.Path + suffix, restarted.Database.Path + suffix);
        }

        Assert.Equal(before, await restarted.DenseIdsAsync("first payout seven days"));
        Assert.Equal(3, restarted.VectorIndex.Count);
    }
}
