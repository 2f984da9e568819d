using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SupportAssist.Api.Tests.Browser;

/// <summary>The agent console in a real browser: sign in with an agent key, find the case, draft, edit, send, see it in insights.</summary>
public sealed class ConsolePageTests(KeyedBrowserHost host) : IClassFixture<KeyedBrowserHost>
{
    private async Task<IPage> SignedInAsync()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/console");
        await page.GetByLabel("Agent key").FillAsync(KeyedBrowserHost.AgentKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cases" })).ToBeVisibleAsync();
        return page;
    }

    private async Task<(string Id, string Reference)> ContactAsync(string subject, string message)
    {
        using var client = host.Factory.CreateClient();
        var deflection = await (await client.PostAsJsonAsync("/v1/deflections", new { question = message })).Content.ReadFromJsonAsync<JsonElement>();
        var created = await (await client.PostAsJsonAsync("/v1/cases", new
        {
            subject,
            message,
            contactEmail = "console@example.com",
            deflectionIds = new[] { deflection.GetProperty("id").GetString() },
        })).Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetString()!, created.GetProperty("reference").GetString()!);
    }

    private static string Serious(Deque.AxeCore.Commons.AxeResult result) => string.Join("\n", result.Violations
        .Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})"));

    [BrowserFact]
    public async Task The_console_asks_for_an_agent_key_and_refuses_others()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/console");
        Assert.Contains("/console/signin", page.Url, StringComparison.Ordinal);
        await BrowserHost.ScreenshotAsync(page, "console-signin");

        await page.GetByLabel("Agent key").FillAsync(KeyedBrowserHost.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not an agent key");
        var axe = await page.RunAxe();
        Assert.True(Serious(axe).Length == 0, Serious(axe));

        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name == "sa-console");
        Assert.All(cookies, c => Assert.True(c.HttpOnly && c.SameSite == SameSiteAttribute.Strict, c.Name));
    }

    [BrowserFact]
    public async Task A_customer_contacts_support_and_an_agent_finds_the_case_drafts_edits_sends_and_sees_it_in_insights()
    {
        // The customer, on the contact page: types, gets help, says it did not help, contacts support.
        var customer = await host.NewPageAsync();
        await customer.GotoAsync("/contact");
        await customer.GetByLabel("Subject").FillAsync("Refund fees");
        await customer.GetByLabel("Describe your problem").PressSequentiallyAsync("Do I get the processing fees back when I refund a payment?");
        await Assertions.Expect(customer.Locator("#suggestion-list li").First).ToBeVisibleAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Get help" }).ClickAsync();
        await Assertions.Expect(customer.Locator("#answer")).ToHaveAttributeAsync("aria-busy", "false");
        var askedForFeedback = await customer.Locator("#feedback").IsVisibleAsync();
        if (askedForFeedback)
        {
            await customer.GetByRole(AriaRole.Button, new() { Name = "No" }).ClickAsync();
            await Assertions.Expect(customer.Locator("#feedback-status")).Not.ToBeEmptyAsync();
        }
        await customer.GetByLabel("Your email").FillAsync("console@example.com");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Assertions.Expect(customer.Locator("#status")).ToContainTextAsync("Your case reference is SA-");
        var reference = System.Text.RegularExpressions.Regex.Match(await customer.Locator("#status").InnerTextAsync(), "SA-[0-9A-Z]{4}-[0-9A-Z]{4}").Value;

        // The agent, in the console.
        var page = await SignedInAsync();
        var session = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "sa-console");
        Assert.True(session.HttpOnly);
        // Lax: the way back from an OpenID Connect provider is a cross-site navigation; forms carry antiforgery tokens.
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);
        await Assertions.Expect(page.Locator(".message")).ToContainTextAsync("processing fees back");
        await Assertions.Expect(page.Locator(".seen")).ToContainTextAsync("Asked:");
        await page.GetByRole(AriaRole.Button, new() { Name = "Draft a reply" }).ClickAsync();
        var draft = page.GetByLabel("Draft reply (edit before sending if needed)");
        await Assertions.Expect(draft).Not.ToBeEmptyAsync();
        await BrowserHost.ScreenshotAsync(page, "console-case");
        var axe = await page.RunAxe();
        await draft.FillAsync((await draft.InputValueAsync()) + "\n\nBest wishes, the support team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("sent with your edits");

        using var client = host.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", KeyedBrowserHost.AgentKey);
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var stored = await client.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}");
        Assert.Equal(reference, stored.GetProperty("reference").GetString());
        var seen = Assert.Single(stored.GetProperty("seen").EnumerateArray());
        if (askedForFeedback) Assert.Contains("not_helpful", seen.GetProperty("feedback").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("pending", stored.GetProperty("status").GetString());
        var reply = Assert.Single(stored.GetProperty("replies").EnumerateArray());
        Assert.Equal("edited", reply.GetProperty("kind").GetString());
        Assert.Equal("agents", reply.GetProperty("agent").GetString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Insights" }).ClickAsync();
        await Assertions.Expect(page.Locator(".figures")).ToContainTextAsync("Drafts edited");
        Assert.NotEqual("0", await page.Locator(".figures div", new() { HasText = "Drafts" }).First.Locator("dd").InnerTextAsync());
        await BrowserHost.ScreenshotAsync(page, "console-insights");
        var insightsAxe = await page.RunAxe();
        Assert.True(Serious(axe).Length == 0, Serious(axe));
        Assert.True(Serious(insightsAxe).Length == 0, Serious(insightsAxe));
    }

    [BrowserFact]
    public async Task The_queue_filters_by_status_and_the_status_can_be_changed()
    {
        var (_, reference) = await ContactAsync("Payout timing", "When does my payout arrive?");
        var page = await SignedInAsync();
        await BrowserHost.ScreenshotAsync(page, "console-cases");
        var axe = await page.RunAxe();

        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        // A draft sent unchanged is recorded as sent as drafted, also after the page was reloaded.
        await page.GetByRole(AriaRole.Button, new() { Name = "Draft a reply" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Draft reply (edit before sending if needed)")).Not.ToBeEmptyAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Draft reply (edit before sending if needed)")).Not.ToContainTextAsync("[NAME]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("sent as drafted");
        await page.GetByLabel("Status").SelectOptionAsync("solved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Status set to solved");
        await page.GotoAsync("/console?status=open");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = reference })).ToHaveCountAsync(0);
        await page.GotoAsync("/console?status=solved");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = reference })).ToHaveCountAsync(1);
        Assert.True(Serious(axe).Length == 0, Serious(axe));
    }

    [BrowserFact]
    public async Task Agent_search_includes_internal_articles_marked_as_internal()
    {
        using var client = host.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", KeyedBrowserHost.AdminKey);
        Assert.True((await client.PutAsJsonAsync("/v1/articles/internal-quokka-policy", new
        {
            title = "Quokka escalation policy",
            body = "Internal guidance: how agents escalate quokka cases to the risk team.",
            audience = "internal",
        })).IsSuccessStatusCode);
        var page = await SignedInAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Search articles" }).ClickAsync();
        await page.GetByLabel("Search public and internal articles").FillAsync("quokka escalation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var first = page.Locator(".results li").First;
        await Assertions.Expect(first).ToContainTextAsync("Quokka escalation policy");
        await Assertions.Expect(first.Locator(".badge")).ToHaveTextAsync("Internal");
        var axe = await page.RunAxe();
        Assert.True(Serious(axe).Length == 0, Serious(axe));
    }

    // Presses Tab until the focused element satisfies the script's test (at most 80 presses).
    private static async Task TabToAsync(IPage page, string test)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"(e => {test})(document.activeElement)")) return;
        }
        Assert.Fail($"Tab never reached an element where {test}");
    }

    [BrowserFact]
    public async Task An_agent_answers_a_case_from_the_keyboard_alone()
    {
        var (_, reference) = await ContactAsync("Keyboard refund", "How do I refund a payment?");
        var page = await host.NewPageAsync();
        await page.GotoAsync("/console");

        await TabToAsync(page, "e.id === 'key'");
        await page.Keyboard.TypeAsync(KeyedBrowserHost.AgentKey);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cases" })).ToBeVisibleAsync();
        await TabToAsync(page, $"e.textContent === '{reference}'");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);
        await TabToAsync(page, "e.textContent.trim() === 'Draft a reply'");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("Draft reply (edit before sending if needed)")).Not.ToBeEmptyAsync();
        await TabToAsync(page, "e.id === 'final-text'");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" Thanks for waiting.");
        await TabToAsync(page, "e.textContent.trim() === 'Send reply'");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("sent with your edits");
    }
}
