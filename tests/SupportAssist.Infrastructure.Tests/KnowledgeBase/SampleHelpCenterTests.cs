using SupportAssist.Infrastructure.KnowledgeBase;

namespace SupportAssist.Infrastructure.Tests.KnowledgeBase;

/// <summary>The sample help center shipped in samples/helpcenter is complete and every file in it is valid.</summary>
public sealed class SampleHelpCenterTests
{
    private static readonly Lazy<IReadOnlyList<ArticleFile>> Files = new(() =>
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "samples", "helpcenter");
        return MarkdownArticleReader.ReadFolderAsync(folder, CancellationToken.None).GetAwaiter().GetResult();
    });

    [Fact]
    public void Every_file_is_a_valid_article_named_after_its_id()
    {
        Assert.All(Files.Value, f =>
        {
            Assert.True(f.Errors.Count == 0, $"{f.Path}: {string.Join("; ", f.Errors)}");
            Assert.Equal(Path.GetFileNameWithoutExtension(f.Path), f.Article!.Id);
            Assert.StartsWith("# " + f.Article.Title, f.Article.Body, StringComparison.Ordinal);
        });
        Assert.Equal(Files.Value.Count, Files.Value.Select(f => f.Article?.Id).Distinct().Count());
    }

    [Fact]
    public void It_has_sixty_articles_ten_internal_and_a_second_locale()
    {
        var articles = Files.Value.Select(f => f.Article).OfType<Article>().ToList();

        Assert.True(articles.Count >= 60, $"{articles.Count} articles");
        Assert.True(articles.Count(a => a.Audience == ArticleAudience.Internal) >= 10);
        Assert.Contains(articles, a => a.Locale != "en");
        Assert.True(articles.Select(a => a.ProductArea).Distinct().Count() >= 14);
    }
}
