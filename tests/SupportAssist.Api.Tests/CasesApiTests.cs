using SupportAssist.Cases;

namespace SupportAssist.Api.Tests;

/// <summary>Cases from the contact form: created with their triage and what the customer saw, listed, drafted for, replied to, closed.</summary>
public sealed class CasesApiTests : IClassFixture<CasesApiTests.Host>
{
    private readonly Host _host;
    private readonly HttpClient _client;

    public CasesApiTests(Host host)
    {
        _host = host;
        _client = host.Factory.CreateClient();
    }

    /// <summary>One host with the sample help center for the class (each test makes its own cases).</summary>
    public sealed class Host : IDisposable
    {
        public SupportAssistFactory Factory { get; } = new(SupportAssistFactory.SampleHelpCenter);

        public void Dispose() => Factory.Dispose();
    }

    private async Task<JsonElement> CreateAsync(object body)
    {
        var response = await _client.PostAsJsonAsync("/v1/cases", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> ReadAsync(string id) => await _client.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}");

    [Fact]
    public async Task A_case_keeps_its_triage_and_what_the_customer_saw_and_marks_the_deflection_contacted()
    {
        var deflection = await (await _client.PostAsJsonAsync("/v1/deflections", new { question = "How do I refund a payment?" })).Content.ReadFromJsonAsync<JsonElement>();
        var deflectionId = deflection.GetProperty("id").GetString()!;

        var created = await CreateAsync(new
        {
            subject = "Refund not showing",
            message = "I refunded a payment yesterday and the customer still has not got the money.",
            contactEmail = "shop-owner@example.com",
            locale = "en",
            deflectionIds = new[] { deflectionId },
        });
        var stored = await ReadAsync(created.GetProperty("id").GetString()!);

        Assert.Matches("^SA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", created.GetProperty("reference").GetString());
        Assert.Equal("open", created.GetProperty("status").GetString());
        Assert.False(created.TryGetProperty("triage", out _));
        Assert.Equal("shop-owner@example.com", stored.GetProperty("contactEmail").GetString());
        Assert.False(string.IsNullOrEmpty(stored.GetProperty("triage").GetProperty("queue").GetString()));
        Assert.NotNull(stored.GetProperty("triage").GetProperty("outcomeId").GetString());
        var seen = Assert.Single(stored.GetProperty("seen").EnumerateArray());
        Assert.Equal(deflectionId, seen.GetProperty("deflectionId").GetString());
        Assert.Equal(deflection.GetProperty("decision").GetString(), seen.GetProperty("decision").GetString());
        Assert.Equal("How do I refund a payment?", seen.GetProperty("question").GetString());
        Assert.Contains("contacted_support", await FeedbackKindsAsync(deflectionId));
    }

    [Fact]
    public async Task The_message_keeps_what_the_agent_needs_but_never_cards_ibans_keys_or_tokens()
    {
        var created = await CreateAsync(new
        {
            subject = "Card 4242 4242 4242 4242 charged twice",
            message = "Hi, I'm Marta Gómez, call me on +34 612 345 678. My card 4242 4242 4242 4242 was charged twice; "
                + "refund to ES91 2100 0418 4502 0005 1332. Our key sk_live_51HxYz0123456789abcDEF may have leaked.",
            contactEmail = "marta@example.com",
        });
        var id = created.GetProperty("id").GetString()!;
        var stored = await ReadAsync(id);
        var message = stored.GetProperty("message").GetString()!;

        Assert.Contains("Marta Gómez", message, StringComparison.Ordinal);
        Assert.Contains("+34 612 345 678", message, StringComparison.Ordinal);
        Assert.Contains("[CARD]", message, StringComparison.Ordinal);
        Assert.Contains("[IBAN]", message, StringComparison.Ordinal);
        Assert.Contains("[SECRET]", message, StringComparison.Ordinal);
        Assert.Equal("Card [CARD] charged twice", stored.GetProperty("subject").GetString());
        var raw = File.ReadAllBytes(_host.Factory.DatabasePath).Concat(ReadIfExists(_host.Factory.DatabasePath + "-wal")).ToArray();
        var text = System.Text.Encoding.UTF8.GetString(raw);
        Assert.DoesNotContain("4242 4242 4242 4242", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ES91 2100", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_live_51HxYz", text, StringComparison.Ordinal);
        // The triage outcome (what models and evals read) has the name redacted as well.
        var triageInput = await OutcomeInputAsync(stored.GetProperty("triage").GetProperty("outcomeId").GetString()!);
        Assert.DoesNotContain("Marta", triageInput, StringComparison.Ordinal);
        Assert.Contains("[NAME]", triageInput, StringComparison.Ordinal);
    }

    private static byte[] ReadIfExists(string path) => File.Exists(path) ? File.ReadAllBytes(path) : [];

    [Theory]
    [InlineData("{\"message\": \"Help\", \"contactEmail\": \"a@example.com\"}", "subject")]
    [InlineData("{\"subject\": \"Help\", \"message\": \" \", \"contactEmail\": \"a@example.com\"}", "message")]
    [InlineData("{\"subject\": \"Help\", \"message\": \"Help me\"}", "contactEmail")]
    [InlineData("{\"subject\": \"Help\", \"message\": \"Help me\", \"contactEmail\": \"not an email\"}", "contactEmail")]
    [InlineData("{\"subject\": \"Help\", \"message\": \"Help me\", \"contactEmail\": \"a@example.com\", \"locale\": \"???\"}", "locale")]
    [InlineData("{\"subject\": \"Help\", \"message\": \"Help me\", \"contactEmail\": \"a@example.com\", \"deflectionIds\": [\"00000000-0000-0000-0000-000000000001\"]}", "deflectionIds")]
    [InlineData("{\"subject\": \"Help\", \"message\": \"Help me\", \"contactEmail\": \"a@example.com\", \"deflectionIds\": [\"nope\"]}", "deflectionIds[0]")]
    public async Task A_bad_contact_form_is_a_problem_naming_the_field_and_creates_nothing(string body, string field)
    {
        var before = await CaseCountAsync();

        var response = await _client.PostAsync("/v1/cases", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task Cases_are_listed_newest_first_in_pages_and_filtered_by_status()
    {
        var queue = $"q-{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await CreateAsync(new { subject = $"Payout question {i}", message = "When will my payout arrive?", contactEmail = "a@example.com" })).GetProperty("id").GetString()!);
        await _client.PostAsJsonAsync($"/v1/cases/{ids[0]}/status", new { status = "solved" });

        var first = await _client.GetFromJsonAsync<JsonElement>("/v1/cases?limit=2");
        var second = await _client.GetFromJsonAsync<JsonElement>($"/v1/cases?limit=2&after={first.GetProperty("next").GetString()}");
        var solved = await _client.GetFromJsonAsync<JsonElement>("/v1/cases?status=solved&limit=100");
        var none = await _client.GetFromJsonAsync<JsonElement>($"/v1/cases?queue={queue}");

        var pageIds = first.GetProperty("cases").EnumerateArray().Concat(second.GetProperty("cases").EnumerateArray()).Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, first.GetProperty("cases").GetArrayLength());
        Assert.Equal(pageIds.Distinct().Count(), pageIds.Count);
        var created = pageIds.Where(p => p is not null && ids.Contains(p)).ToList();
        Assert.Equal([ids[2], ids[1]], created.Take(2));
        Assert.Contains(solved.GetProperty("cases").EnumerateArray(), c => c.GetProperty("id").GetString() == ids[0]);
        Assert.All(solved.GetProperty("cases").EnumerateArray(), c => Assert.Equal("solved", c.GetProperty("status").GetString()));
        Assert.Equal(0, none.GetProperty("cases").GetArrayLength());
    }

    [Theory]
    [InlineData("priority=P9", "priority")]
    [InlineData("status=closed", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("minAgeMinutes=-1", "minAgeMinutes")]
    [InlineData("after=garbage", "after")]
    public async Task A_bad_list_query_is_a_problem_naming_the_parameter(string query, string field) =>
        await (await _client.GetAsync($"/v1/cases?{query}")).AssertFieldErrorAsync(field);

    [Fact]
    public async Task An_agent_drafts_for_a_case_and_the_reply_sent_makes_it_pending_once()
    {
        var id = (await CreateAsync(new { subject = "Refund", message = "How do I refund a payment to my customer?", contactEmail = "a@example.com" })).GetProperty("id").GetString()!;

        var draft = await (await _client.PostAsync($"/v1/cases/{id}/drafts", null)).Content.ReadFromJsonAsync<JsonElement>();
        var draftId = draft.GetProperty("id").GetString()!;
        var reply = await _client.PostAsJsonAsync($"/v1/cases/{id}/replies", new { draftId, kind = "edited", finalText = "Hi, open the payment and choose Refund." });
        var again = await _client.PostAsJsonAsync($"/v1/cases/{id}/replies", new { draftId, kind = "edited", finalText = "Hi, open the payment and choose Refund." });
        var conflict = await _client.PostAsJsonAsync($"/v1/cases/{id}/replies", new { draftId, kind = "rejected" });
        var stranger = await _client.PostAsJsonAsync($"/v1/cases/{id}/replies", new { draftId = Guid.NewGuid(), kind = "accepted" });
        var stored = await ReadAsync(id);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await conflict.AssertProblemAsync(HttpStatusCode.Conflict);
        await stranger.AssertFieldErrorAsync("draftId");
        Assert.Equal("pending", stored.GetProperty("status").GetString());
        Assert.Equal(draftId, Assert.Single(stored.GetProperty("drafts").EnumerateArray()).GetString());
        Assert.Equal("edited", Assert.Single(stored.GetProperty("replies").EnumerateArray()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Unknown_cases_are_404_problems()
    {
        var id = Guid.NewGuid();
        await (await _client.GetAsync($"/v1/cases/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsync($"/v1/cases/{id}/drafts", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsJsonAsync($"/v1/cases/{id}/status", new { status = "solved" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    // Read through the Core stores, as the service does: the tests hold whatever store the host runs on.
    private async Task<int> CaseCountAsync() =>
        (await _host.Factory.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(null, null, null, null, null, 10_000, null), CancellationToken.None)).Cases.Count;

    private async Task<string> OutcomeInputAsync(string id) =>
        (await _host.Factory.Services.GetRequiredService<IOutcomeLog>().GetAsync(Guid.Parse(id), CancellationToken.None))!.Input;

    private async Task<List<string>> FeedbackKindsAsync(string outcomeId) =>
        (await _host.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(Guid.Parse(outcomeId), CancellationToken.None)).Select(f => f.Kind).ToList();
}
