using SupportAssist.Infrastructure.Tests.Indexing;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>What only the SQLite keyword index must guard against: FTS5 syntax and its facet tokens (the shared suite is in Indexing/).</summary>
public sealed class FilteredSearchTests : IDisposable
{
    private readonly TestKnowledgeBase _kb = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _kb.Dispose();

    private Task SeedAsync() => SampleArticles.IngestRefundsAsync(_kb.Ingestor);

    [Theory]
    [InlineData("refund\" OR \"x")]
    [InlineData("refund AND (NOT")]
    [InlineData("title:refund*")]
    [InlineData("NEAR(refund fee, 2)")]
    [InlineData("réfund — fées?!")]
    public async Task Query_text_is_never_read_as_fts5_syntax(string query)
    {
        await SeedAsync();

        var hits = await _kb.KeywordIndex.SearchAsync(query, new RetrievalFilter(Audience.Public), 10, _ct);

        Assert.NotEmpty(hits);
    }

    [Fact]
    public async Task A_query_spelling_a_facet_token_matches_no_facet()
    {
        await SeedAsync();
        var internalToken = SqliteKeywordIndex.Facet('a', "internal");

        Assert.Empty(await _kb.KeywordIdsAsync(internalToken, Audience.Agent));
        Assert.DoesNotContain("refunds-runbook", await _kb.KeywordIdsAsync(internalToken + " refund", Audience.Public));
    }
}
