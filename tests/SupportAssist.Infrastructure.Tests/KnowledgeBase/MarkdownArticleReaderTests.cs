using SupportAssist.Infrastructure.KnowledgeBase;

namespace SupportAssist.Infrastructure.Tests.KnowledgeBase;

public sealed class MarkdownArticleReaderTests
{
    private const string Valid = """
        ---
        id: refunds-issue-a-refund
        title: How to issue a refund
        url: https://help.paykite.example/articles/refunds-issue-a-refund
        locale: en
        audience: internal
        product_area: refunds
        tags: [refunds, dashboard]
        updated: 2026-08-14
        ---

        # How to issue a refund

        Body text.
        """;

    [Fact]
    public void Front_matter_and_body_become_an_article()
    {
        var file = MarkdownArticleReader.Parse("a.md", Valid);

        Assert.Empty(file.Errors);
        var article = file.Article!;
        Assert.Equal(("refunds-issue-a-refund", "How to issue a refund", "en", ArticleAudience.Internal, "refunds", new DateOnly(2026, 8, 14)),
            (article.Id, article.Title, article.Locale, article.Audience, article.ProductArea, article.Updated));
        Assert.Equal(["refunds", "dashboard"], article.Tags);
        Assert.StartsWith("# How to issue a refund", article.Body, StringComparison.Ordinal);
        Assert.True(article.Published);
    }

    [Theory]
    [InlineData("no front matter at all", "must start with a '---' line")]
    [InlineData("---\nid: x\n", "not closed")]
    [InlineData("---\nid: [unclosed\n---\nbody", "front matter line")]
    [InlineData("---\nid: Bad Id\ntitle: T\n---\nbody", "id:")]
    [InlineData("---\nid: ok\ntitle: T\naudience: everyone\n---\nbody", "audience:")]
    [InlineData("---\nid: ok\ntitle: T\nupdated: 14/08/2026\n---\nbody", "updated:")]
    [InlineData("---\nid: ok\ntitle: T\nproduct_area: Not A Slug\n---\nbody", "product_area:")]
    [InlineData("---\nid: ok\ntitle: T\n---\n", "body:")]
    public void Bad_files_are_rejected_with_the_reason(string text, string expected)
    {
        var file = MarkdownArticleReader.Parse("bad.md", text);

        Assert.Null(file.Article);
        Assert.Contains(file.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Published_false_is_read()
    {
        var file = MarkdownArticleReader.Parse("a.md", Valid.Replace("locale: en", "locale: en\npublished: false", StringComparison.Ordinal));

        Assert.False(file.Article!.Published);
    }
}
