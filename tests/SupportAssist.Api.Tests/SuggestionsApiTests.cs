namespace SupportAssist.Api.Tests;

/// <summary><c>GET /v1/suggestions</c> and <c>GET /v1/ui-text</c>: what the contact page calls, public and recording nothing.</summary>
public sealed class SuggestionsApiTests : IDisposable
{
    private readonly SupportAssistFactory _factory = new(SupportAssistFactory.SampleHelpCenter);

    public void Dispose() => _factory.Dispose();

    private async Task<int> OutcomeCountAsync() =>
        (await _factory.Services.GetRequiredService<IOutcomeLog>().ReadSinceAsync(DateTimeOffset.MinValue, CancellationToken.None)).Count;

    [Fact]
    public async Task Up_to_three_public_articles_are_suggested_and_nothing_is_recorded()
    {
        var client = _factory.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/v1/suggestions?q=how%20do%20I%20refund%20a%20payment&locale=en");

        var suggestions = body.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.InRange(suggestions.Count, 1, 3);
        Assert.Contains(suggestions, s => s.GetProperty("articleId").GetString()!.StartsWith("refunds-", StringComparison.Ordinal));
        Assert.Equal(0, await OutcomeCountAsync());
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("q=%20", "q")]
    [InlineData("q=refund&locale=%3F%3F%3F", "locale")]
    public async Task A_bad_query_is_a_problem_naming_the_parameter(string query, string field) =>
        await (await _factory.CreateClient().GetAsync($"/v1/suggestions?{query}")).AssertFieldErrorAsync(field);

    [Fact]
    public async Task A_query_longer_than_allowed_is_refused()
    {
        var response = await _factory.CreateClient().GetAsync($"/v1/suggestions?q={new string('a', 5000)}");

        await response.AssertFieldErrorAsync("q");
    }

    [Theory]
    [InlineData("es", "es", "Contactar con soporte")]
    [InlineData("es-MX", "es", "Contactar con soporte")]
    [InlineData("fr", "en", "Contact support")]
    public async Task The_widget_text_comes_in_Spanish_or_English(string locale, string served, string title)
    {
        var body = await _factory.CreateClient().GetFromJsonAsync<JsonElement>($"/v1/ui-text?locale={locale}");

        Assert.Equal(served, body.GetProperty("locale").GetString());
        Assert.Equal(title, body.GetProperty("text").GetProperty("Contact_Title").GetString());
    }
}
