using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>BM25 over articles in other languages than English: each indexed and sought as its own language's stems.</summary>
public sealed class KeywordStemmingTests : IDisposable
{
    private readonly TestKnowledgeBase _kb = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _kb.Dispose();

    private async Task SeedAsync()
    {
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-issue", "Issue a refund",
            "Refunds go back to the original card. Partial refunds are allowed within 180 days."), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-issue-es", "Emitir un reembolso",
            "Los reembolsos vuelven a la tarjeta original. Se permiten reembolsos parciales durante 180 días.", locale: "es-MX"), _ct);
        await _kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-fr", "Calendrier des paiements",
            "Les paiements arrivent sur votre compte bancaire chaque semaine.", locale: "fr"), _ct);
    }

    // Each query's word appears in its article only in another inflection, which the English stemmers did not join.
    [Theory]
    [InlineData("¿Puedo reembolsar parcialmente?", null, "refunds-issue-es")]
    [InlineData("reembolsar", "es", "refunds-issue-es")]
    [InlineData("Quand est-ce que je peux payer ?", null, "payouts-fr")]
    [InlineData("payer", "fr-CA", "payouts-fr")]
    public async Task A_question_finds_its_language_article_through_another_inflection(string query, string? locale, string expected)
    {
        await SeedAsync();

        var hits = await _kb.KeywordIndex.SearchAsync(query, new RetrievalFilter(Audience.Agent, locale), 10, _ct);

        Assert.Equal(expected, Assert.Single(hits.Select(h => h.Chunk.ArticleId).Distinct()));
    }

    [Fact]
    public async Task English_questions_find_english_articles_as_before()
    {
        await SeedAsync();

        Assert.Equal(["refunds-issue"], await _kb.KeywordIdsAsync("partial refund to a card"));
    }

    [Theory]
    [InlineData("refunds for cards", "en", "\"refunds\" OR \"cards\"")]
    [InlineData("reembolsos parciales", "es", "\"reembolsos\" OR \"reembols\" OR \"parciales\" OR \"parcial\"")]
    [InlineData("2fa", "de", "\"2fa\"")]
    public void A_query_in_a_stemmed_language_seeks_each_word_and_its_stem(string query, string language, string expected) =>
        Assert.Equal(expected, SqliteKeywordIndex.ToMatchExpression(query, language));
}
