using SupportAssist.Infrastructure.KnowledgeBase;
using SupportAssist.Knowledge;

namespace SupportAssist.Api.Tests;

/// <summary>Public search must never return an internal article, even when asked in the article's own words.</summary>
public sealed class AudienceIsolationTests(SampleHelpCenterFixture samples) : IClassFixture<SampleHelpCenterFixture>
{
    private readonly HttpClient _client = samples.Factory.CreateClient();

    private static async Task<IReadOnlyList<Article>> InternalArticlesAsync() =>
        (await MarkdownArticleReader.ReadFolderAsync(SupportAssistFactory.SampleHelpCenter, CancellationToken.None))
            .Select(f => f.Article).OfType<Article>().Where(a => a.Audience == ArticleAudience.Internal).ToList();

    [Fact]
    public async Task Internal_articles_are_found_by_agents_and_never_by_the_public()
    {
        var internalArticles = await InternalArticlesAsync();
        Assert.True(internalArticles.Count >= 10, $"the sample help center should hold at least 10 internal articles, found {internalArticles.Count}");
        var internalIds = internalArticles.Select(a => a.Id).ToHashSet();

        foreach (var article in internalArticles)
        {
            // The title plus the opening of the body: the query that matches this article best.
            var query = Uri.EscapeDataString(article.Title + " " + string.Join(' ', article.Body.Split(' ').Take(40)));
            foreach (var mode in new[] { "hybrid", "dense", "bm25" })
            {
                var agent = await _client.GetFromJsonAsync<JsonElement>($"/v1/search?q={query}&audience=agent&k=50&mode={mode}");
                var open = await _client.GetFromJsonAsync<JsonElement>($"/v1/search?q={query}&audience=public&k=50&mode={mode}");

                Assert.Contains(article.Id, Ids(agent));
                Assert.DoesNotContain(Ids(open), id => internalIds.Contains(id));
            }
        }
    }

    private static IEnumerable<string> Ids(JsonElement body) =>
        body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("articleId").GetString()!);
}
