using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Cases;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>The case store on a real SQLite file: references unique, pages stable, updates atomic.</summary>
public sealed class SqliteCaseStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-cases-").FullName;
    private readonly SqliteDatabase _database;
    private readonly SqliteCaseStore _store;

    public SqliteCaseStoreTests()
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "cases.db"), NullLogger<SqliteDatabase>.Instance);
        _store = new SqliteCaseStore(_database);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static SupportCase Case(string reference, DateTimeOffset at) => new(
        Guid.NewGuid(), reference, at, at, CaseStatus.Open, "Refund", "How do I refund?", "a@example.com", "en", null,
        new CaseTriage("refund_how_to", "refunds", Priority.P3, "general", Sentiment.Neutral, false, "en", 0.8, [], [], false, [], null), [], []);

    [Fact]
    public async Task A_reference_already_taken_is_refused_and_nothing_is_stored()
    {
        var at = DateTimeOffset.UtcNow;
        var first = Case("SA-AAAA-AAAA", at);
        var clash = Case("SA-AAAA-AAAA", at);

        Assert.True(await _store.CreateAsync(first, CancellationToken.None));
        Assert.False(await _store.CreateAsync(clash, CancellationToken.None));
        Assert.Null(await _store.GetAsync(clash.Id, CancellationToken.None));
        Assert.NotNull(await _store.GetAsync(first.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Pages_of_cases_created_in_the_same_instant_neither_repeat_nor_skip_one()
    {
        var at = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var c = Case($"SA-BBBB-000{i}", at);
            ids.Add(c.Id);
            await _store.CreateAsync(c, CancellationToken.None);
        }

        var seen = new List<Guid>();
        CaseCursor? cursor = null;
        do
        {
            var page = await _store.ListAsync(new CaseQuery(null, null, null, null, null, 2, cursor), CancellationToken.None);
            seen.AddRange(page.Cases.Select(c => c.Id));
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_updates_of_one_case_each_see_the_other()
    {
        var c = Case("SA-CCCC-CCCC", DateTimeOffset.UtcNow);
        await _store.CreateAsync(c, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => _store.UpdateAsync(c.Id,
            current => current with { Drafts = [.. current.Drafts, Guid.NewGuid()] }, CancellationToken.None))));

        Assert.Equal(20, (await _store.GetAsync(c.Id, CancellationToken.None))!.Drafts.Count);
    }
}
