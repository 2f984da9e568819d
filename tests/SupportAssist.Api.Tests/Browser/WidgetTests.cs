using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SupportAssist.Api.Tests.Browser;

/// <summary>The widget on a plain HTML page of another origin: one script tag, its own styles, the same journey.</summary>
public sealed class WidgetTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private async Task<IPage> SiteAsync(string site, string locale)
    {
        await ShopSite.EnsureStartedAsync();
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{site}/help?api={Uri.EscapeDataString(host.BaseUrl)}&locale={locale}");
        return page;
    }

    [BrowserFact]
    public async Task The_widget_on_an_allowed_site_suggests_answers_and_creates_the_case_in_its_locale()
    {
        var page = await SiteAsync(ShopSite.AllowedOrigin, "es");

        await page.GetByLabel("Asunto").FillAsync("Reembolso");
        await page.GetByLabel("Describe tu problema").PressSequentiallyAsync("¿Cómo hago un reembolso de un pago a un cliente?");
        await Assertions.Expect(page.Locator("#suggestion-list li").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Obtener ayuda" }).ClickAsync();
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("aria-busy", "false");
        await page.GetByLabel("Tu correo electrónico").FillAsync("tienda@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Contactar con soporte" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("La referencia de tu caso es SA-");
        await BrowserHost.ScreenshotAsync(page, "widget");

        // The shop's page keeps its look: the widget's styles (system-ui fonts, .field boxes) stay in its shadow root.
        Assert.DoesNotContain("system-ui", await page.EvaluateAsync<string>("getComputedStyle(document.body).fontFamily"), StringComparison.Ordinal);
        Assert.Contains("system-ui", await page.Locator("#subject").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"), StringComparison.Ordinal);
        var axe = await page.RunAxe();
        var serious = string.Join("\n", axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
        Assert.True(serious.Length == 0, serious);
        using var client = host.Factory.CreateClient();
        var reference = System.Text.RegularExpressions.Regex.Match(await page.Locator("#status").InnerTextAsync(), "SA-[0-9A-Z]{4}-[0-9A-Z]{4}").Value;
        var cases = await client.GetFromJsonAsync<JsonElement>("/v1/cases?limit=100");
        var stored = cases.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("reference").GetString() == reference);
        Assert.Equal("es", stored.GetProperty("locale").GetString());
        Assert.Single(stored.GetProperty("seen").EnumerateArray());
    }

    [BrowserFact]
    public async Task A_site_not_on_the_allow_list_cannot_load_the_widget()
    {
        var page = await SiteAsync(ShopSite.OtherOrigin, "en");

        var refused = page.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text.Contains("CORS policy", StringComparison.Ordinal) });
        await page.ReloadAsync();
        await refused;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(0, await page.Locator("#contact-form").CountAsync());
    }
}
