using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>What only the SQLite keyword index must guard against: FTS5 syntax and its facet tokens (the shared suite is in Indexing/).</summary>
public sealed class FilteredSearchTests : IDisposable
{
    private readonly TestKnowledgeBase _kb = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _kb.Dispose();

    private async Task SeedAsync()
    {
        // The internal runbook matches the query best, so a filter applied after a top-1 search would return nothing.
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-runbook", "Refund exception runbook",
            "Refund exception refund exception approvals for refund exceptions.", ArticleAudience.Internal, area: "refunds"), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-issue", "Issue a refund",
            "How to issue a refund from the dashboard.", area: "refunds"), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-issue-es", "Cómo emitir un reembolso",
            "Para emitir un reembolso (refund) abre el panel.", locale: "es", area: "refunds"), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("fees-refund-fees", "Refund fees",
            "A refund exception does not return the processing fee.", area: "fees"), _ct);
    }

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
