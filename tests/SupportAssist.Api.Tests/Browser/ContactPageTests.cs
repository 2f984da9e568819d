using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SupportAssist.Api.Tests.Browser;

/// <summary>The contact flow in a real browser: suggestions, a streamed answer, feedback, the case, and its accessibility.</summary>
public sealed class ContactPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static async Task TypeQuestionAsync(IPage page, string subject, string message)
    {
        await page.GetByLabel("Subject").FillAsync(subject);
        await page.GetByLabel("Describe your problem").PressSequentiallyAsync(message);
    }

    private async Task<JsonElement> CaseAsync(string reference)
    {
        using var client = host.Factory.CreateClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/v1/cases?limit=100");
        return page.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("reference").GetString() == reference);
    }

    private static string ReferenceIn(string text) => System.Text.RegularExpressions.Regex.Match(text, "SA-[0-9A-Z]{4}-[0-9A-Z]{4}").Value;

    [BrowserFact]
    public async Task A_user_sees_suggestions_gets_an_answer_says_it_did_not_help_and_contacts_support_with_it_attached()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/contact");

        await TypeQuestionAsync(page, "Refund a customer", "How do I refund a payment to a customer?");
        await Assertions.Expect(page.Locator("#suggestion-list li").First).ToBeVisibleAsync();
        await BrowserHost.ScreenshotAsync(page, "contact-suggestions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get help" }).ClickAsync();
        await Assertions.Expect(page.Locator("#answer")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(|Looking for an answer…)$"));
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("aria-busy", "false");
        var answered = await page.Locator("#citations").IsVisibleAsync();
        await BrowserHost.ScreenshotAsync(page, "contact-answer");
        if (await page.Locator("#feedback").IsVisibleAsync())
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "No" }).ClickAsync();
            await Assertions.Expect(page.Locator("#feedback-status")).ToContainTextAsync("Sorry");
        }
        await page.GetByLabel("Your email").FillAsync("owner@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Your case reference is SA-");

        var stored = await CaseAsync(ReferenceIn(await page.Locator("#status").InnerTextAsync()));
        var seen = Assert.Single(stored.GetProperty("seen").EnumerateArray());
        Assert.Equal("owner@example.com", stored.GetProperty("contactEmail").GetString());
        Assert.Contains("How do I refund a payment", seen.GetProperty("question").GetString(), StringComparison.Ordinal);
        if (answered) Assert.Equal("answer", seen.GetProperty("decision").GetString());
    }

    [BrowserFact]
    public async Task An_account_specific_question_is_handed_to_a_person()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/contact");

        await TypeQuestionAsync(page, "Account closed", "Why was my account closed? I want to talk to a person.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get help" }).ClickAsync();

        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("This needs a person from our team");
    }

    [BrowserFact]
    public async Task Without_JavaScript_the_plain_form_creates_the_case()
    {
        var page = await host.NewPageAsync(javaScript: false);
        await page.GotoAsync("/contact");

        await page.GetByLabel("Subject").FillAsync("Payout missing");
        await page.GetByLabel("Describe your problem").FillAsync("My payout from Friday has not arrived.");
        await page.GetByLabel("Your email").FillAsync("plain@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();

        await Assertions.Expect(page.Locator("#sent")).ToContainTextAsync("Your case reference is SA-");
        var stored = await CaseAsync(ReferenceIn(await page.Locator("#sent").InnerTextAsync()));
        Assert.Equal("plain@example.com", stored.GetProperty("contactEmail").GetString());
    }

    [BrowserFact]
    public async Task Without_JavaScript_a_bad_form_says_which_fields_are_wrong()
    {
        var page = await host.NewPageAsync(javaScript: false);
        await page.GotoAsync("/contact");

        await page.GetByLabel("Subject").FillAsync("Payout missing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please check the fields");
        await Assertions.Expect(page.GetByLabel("Your email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Describe your problem")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [BrowserFact]
    public async Task The_whole_journey_works_from_the_keyboard_alone()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/contact");

        // Skip link, then the fields and buttons in order, with Tab, typing and Enter only.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".skip")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Subject")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Payout timing");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("When will my payout arrive in my bank account?");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#suggestion-list li").First).ToBeVisibleAsync();
        // Through the suggested links to the "Get help" button.
        while (await page.EvaluateAsync<string>("document.activeElement.id") != "get-help") await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("aria-busy", "false");
        await page.Locator("#email").FocusAsync();
        await page.Keyboard.TypeAsync("keys@example.com");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#contact-support")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Your case reference is SA-");
    }

    [BrowserFact]
    public async Task An_internal_article_never_reaches_the_public_page()
    {
        using var client = host.Factory.CreateClient();
        var put = await client.PutAsJsonAsync("/v1/articles/internal-zebra-escalation", new
        {
            title = "Zebra escalation runbook for chargeback specialists",
            body = "Internal only: zebra escalation steps for chargeback specialists, with the zebra override code.",
            audience = "internal",
        });
        Assert.True(put.IsSuccessStatusCode);
        var page = await host.NewPageAsync();
        await page.GotoAsync("/contact");

        await TypeQuestionAsync(page, "Zebra escalation runbook", "zebra escalation runbook for chargeback specialists zebra override code");
        await page.WaitForResponseAsync(r => r.Url.Contains("/v1/suggestions", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Get help" }).ClickAsync();
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("aria-busy", "false");

        var shown = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Zebra escalation runbook for chargeback", shown.Replace("Zebra escalation runbook\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("override code.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("internal-zebra-escalation", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task The_page_has_no_serious_or_critical_accessibility_violations_before_and_after_an_answer()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/contact");
        var before = await page.RunAxe();
        await BrowserHost.ScreenshotAsync(page, "contact");

        await TypeQuestionAsync(page, "Refund fees", "Do I get the fees back when I refund a payment?");
        await Assertions.Expect(page.Locator("#suggestion-list li").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Get help" }).ClickAsync();
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("aria-busy", "false");
        var after = await page.RunAxe();

        string Serious(Deque.AxeCore.Commons.AxeResult result) => string.Join("\n", result.Violations
            .Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})"));
        Assert.True(Serious(before).Length == 0, Serious(before));
        Assert.True(Serious(after).Length == 0, Serious(after));
    }

    [BrowserFact]
    public async Task Nothing_on_the_page_moves_while_the_answer_streams_in()
    {
        var page = await host.NewPageAsync();
        // Tall enough that everything below the answer is in view: shifts out of view do not count.
        await page.SetViewportSizeAsync(1280, 2400);
        await page.GotoAsync("/contact");
        await TypeQuestionAsync(page, "Refund fees", "Do I get the processing fees back when I refund a payment?");
        await Assertions.Expect(page.Locator("#suggestion-list li").First).ToBeVisibleAsync();
        // Layout shifts not caused by the user's own input (the browser's cumulative layout shift entries).
        await page.EvaluateAsync("""
            window.shifts = [];
            window.shiftObserver = new PerformanceObserver(list => { for (const e of list.getEntries()) window.shifts.push(e.value); });
            window.shiftObserver.observe({ type: 'layout-shift', buffered: false });
            """);

        // Clicked from script: a user's click would exempt the next half second of shifts from the count.
        await page.EvaluateAsync("document.getElementById('get-help').click()");
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("aria-busy", "false");

        var shifts = await page.EvaluateAsync<double[]>("[...window.shifts, ...window.shiftObserver.takeRecords().map(e => e.value)]");
        Assert.True(shifts.Sum() < 0.01, $"layout shift {shifts.Sum():0.0000} ({shifts.Length} shifts), answer height {await page.Locator("#answer").EvaluateAsync<double>("e => e.getBoundingClientRect().height")}");
    }

    [BrowserFact]
    public async Task The_page_speaks_Spanish_to_a_Spanish_browser()
    {
        var page = await host.NewPageAsync(locale: "es-ES");
        await page.GotoAsync("/contact");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Contactar con soporte");
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByLabel("Tu correo electrónico")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task The_page_runs_under_its_content_security_policy_without_violations()
    {
        var page = await host.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        var response = await page.GotoAsync("/contact");
        await TypeQuestionAsync(page, "Refund", "How do I refund a payment?");
        await Assertions.Expect(page.Locator("#suggestion-list li").First).ToBeVisibleAsync();

        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Empty(violations);
    }
}
