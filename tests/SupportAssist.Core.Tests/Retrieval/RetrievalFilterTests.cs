namespace SupportAssist.Core.Tests.Retrieval;

public sealed class RetrievalFilterTests
{
    [Theory]
    [InlineData(Audience.Public, ArticleAudience.Public, true)]
    [InlineData(Audience.Public, ArticleAudience.Internal, false)]
    [InlineData(Audience.Agent, ArticleAudience.Public, true)]
    [InlineData(Audience.Agent, ArticleAudience.Internal, true)]
    public void Audience_decides_visibility(Audience reader, ArticleAudience article, bool visible) =>
        Assert.Equal(visible, new RetrievalFilter(reader).Matches(article, "en", null));

    [Theory]
    [InlineData("es", "es-MX", true)]
    [InlineData("es-MX", "es", true)]
    [InlineData("ES", "es", true)]
    [InlineData("en", "es", false)]
    [InlineData(null, "es", true)]
    public void Locale_matches_on_the_primary_language(string? wanted, string locale, bool visible) =>
        Assert.Equal(visible, new RetrievalFilter(Audience.Public, wanted).Matches(ArticleAudience.Public, locale, null));

    [Theory]
    [InlineData("refunds", "refunds", true)]
    [InlineData("refunds", "payouts", false)]
    [InlineData("refunds", null, false)]
    [InlineData(null, null, true)]
    public void Product_area_must_match_when_given(string? wanted, string? area, bool visible) =>
        Assert.Equal(visible, new RetrievalFilter(Audience.Public, null, wanted).Matches(ArticleAudience.Public, "en", area));
}
