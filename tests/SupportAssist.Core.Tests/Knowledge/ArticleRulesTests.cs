namespace SupportAssist.Core.Tests.Knowledge;

public sealed class ArticleRulesTests
{
    private static readonly Article Valid = new("payouts-schedule", "Payout schedule", "https://help.example/a", "en", ArticleAudience.Public,
        "payouts", ["payouts"], new DateOnly(2026, 5, 1), "## Body\n\nText.");

    [Fact]
    public void A_complete_article_is_valid() => Assert.Empty(ArticleRules.Validate(Valid));

    [Theory]
    [InlineData("id", "Payouts Schedule")]
    [InlineData("id", "-leading-dash")]
    [InlineData("id", "")]
    [InlineData("title", "")]
    [InlineData("url", "ftp://help.example/a")]
    [InlineData("url", "not a url")]
    [InlineData("locale", "english")]
    [InlineData("locale", "e")]
    [InlineData("productArea", "Payouts & Balances")]
    [InlineData("body", "   ")]
    public void Each_bad_field_is_named(string field, string value)
    {
        var article = field switch
        {
            "id" => Valid with { Id = value },
            "title" => Valid with { Title = value },
            "url" => Valid with { Url = value },
            "locale" => Valid with { Locale = value },
            "productArea" => Valid with { ProductArea = value },
            _ => Valid with { Body = value },
        };

        var errors = ArticleRules.Validate(article);

        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es-MX")]
    [InlineData("pt-BR")]
    [InlineData("zh-Hant-TW")]
    public void Language_tags_are_accepted(string locale) => Assert.True(ArticleRules.IsValidLocale(locale));

    [Fact]
    public void Oversized_bodies_and_too_many_tags_are_rejected()
    {
        var errors = ArticleRules.Validate(Valid with { Body = new string('a', ArticleRules.MaxBodyLength + 1), Tags = Enumerable.Repeat("t", 21).ToList() });

        Assert.Equal(["body", "tags"], errors.Keys.Order());
    }
}
