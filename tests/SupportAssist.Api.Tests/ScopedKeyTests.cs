namespace SupportAssist.Api.Tests;

/// <summary>Keys with a name and scopes: each reaches what its scopes allow and nothing else; its name is on what it did.</summary>
public sealed class ScopedKeyTests : IDisposable
{
    private const string AgentKey = "agent-key-0123456789abcdef";
    private const string AdminKey = "admin-key-0123456789abcdef";
    private const string WidgetKey = "widget-key-0123456789abcdef";

    private readonly SupportAssistFactory _factory = new(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
    {
        ["SupportAssist:Security:ApiKeys:0:Name"] = "helpdesk",
        ["SupportAssist:Security:ApiKeys:0:Key"] = AgentKey,
        ["SupportAssist:Security:ApiKeys:0:Scopes:0"] = "agent",
        ["SupportAssist:Security:ApiKeys:1:Name"] = "ops",
        ["SupportAssist:Security:ApiKeys:1:Key"] = AdminKey,
        ["SupportAssist:Security:ApiKeys:1:Scopes:0"] = "admin",
        ["SupportAssist:Security:ApiKeys:2:Name"] = "help-site",
        ["SupportAssist:Security:ApiKeys:2:Key"] = WidgetKey,
        ["SupportAssist:Security:ApiKeys:2:Scopes:0"] = "public-search",
        ["Serilog:MinimumLevel:Default"] = "Information",
    });

    public void Dispose() => _factory.Dispose();

    private HttpClient Client(string? key)
    {
        var client = _factory.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static readonly object Ticket = new { subject = "Refund", body = "How do I refund a payment?" };
    private static readonly object Article = new { title = "Scoped test article", body = "Only admins can write this article." };

    [Theory]
    // key, public search, agent search, triage, draft, article write, audit, case list
    [InlineData(WidgetKey, 200, 403, 403, 403, 403, 403, 403)]
    [InlineData(AgentKey, 200, 200, 200, 200, 403, 403, 200)]
    [InlineData(AdminKey, 403, 403, 403, 403, 201, 200, 403)]
    [InlineData(null, 401, 401, 401, 401, 401, 401, 401)]
    [InlineData("not-a-key-0123456789abcdef", 401, 401, 401, 401, 401, 401, 401)]
    public async Task Each_key_reaches_what_its_scopes_allow(string? key, int publicSearch, int agentSearch, int triage, int draft, int write, int audit, int cases)
    {
        var client = Client(key);

        var responses = new[]
        {
            await client.GetAsync("/v1/search?q=refund"),
            await client.GetAsync("/v1/search?q=refund&audience=agent"),
            await client.PostAsJsonAsync("/v1/triage", Ticket),
            await client.PostAsJsonAsync("/v1/drafts", Ticket),
            await client.PutAsJsonAsync($"/v1/articles/scoped-{Guid.NewGuid():N}", Article),
            await client.GetAsync("/v1/audit"),
            await client.GetAsync("/v1/cases"),
        };

        Assert.Equal([publicSearch, agentSearch, triage, draft, write, audit, cases], responses.Select(r => (int)r.StatusCode));
        foreach (var refused in responses.Where(r => (int)r.StatusCode is 401 or 403)) await refused.AssertProblemAsync(refused.StatusCode);
        // The public endpoint needs no key at all.
        Assert.Equal(HttpStatusCode.OK, (await Client(null).PostAsJsonAsync("/v1/deflections", new { question = "how do I refund a payment" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Client(null).PostAsJsonAsync("/v1/cases", new { subject = "Refund", message = "How do I refund?", contactEmail = "a@example.com" })).StatusCode);
    }

    [Fact]
    public async Task Article_changes_are_audited_with_the_key_name_and_read_back_newest_first()
    {
        var admin = Client(AdminKey);
        var id = $"audited-{Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/v1/articles/{id}", Article)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/articles/{id}")).StatusCode);
        var page = await admin.GetFromJsonAsync<JsonElement>("/v1/audit?limit=2");
        var next = page.GetProperty("next").GetInt64();
        var older = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit?limit=500&before={next}");

        var records = page.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["article.delete", "article.put"], records.Select(r => r.GetProperty("action").GetString()));
        Assert.All(records, r => Assert.Equal("ops", r.GetProperty("actor").GetString()));
        Assert.All(records, r => Assert.Equal(id, r.GetProperty("target").GetString()));
        Assert.Equal("created, 1 chunks", records[1].GetProperty("outcome").GetString());
        // Start-up indexing of the sample help center is the first record.
        var first = older.GetProperty("records").EnumerateArray().Last();
        Assert.Equal("startup", first.GetProperty("actor").GetString());
        Assert.Equal("article.import", first.GetProperty("action").GetString());
        await (await admin.GetAsync("/v1/audit?limit=0")).AssertFieldErrorAsync("limit");
        await (await admin.GetAsync("/v1/audit?before=x")).AssertFieldErrorAsync("before");
    }

    [Fact]
    public async Task The_key_name_is_on_the_outcome_and_the_log_and_the_key_is_on_neither()
    {
        var response = await Client(AgentKey).PostAsJsonAsync("/v1/triage", Ticket);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var outcome = await _factory.Services.GetRequiredService<IOutcomeLog>().GetAsync(id, CancellationToken.None);
        Assert.Equal("helpdesk", outcome!.Caller);
        var requestLog = Assert.Single(_factory.Log.Events, e => e.MessageTemplate.Text.StartsWith("HTTP", StringComparison.Ordinal) && e.RenderMessage(null).Contains("/v1/triage", StringComparison.Ordinal));
        Assert.Equal("\"helpdesk\"", requestLog.Properties["ApiKey"].ToString());
        Assert.DoesNotContain(_factory.Log.Events, e => e.RenderMessage(null).Contains(AgentKey, StringComparison.Ordinal) || e.Properties.Values.Any(v => v.ToString().Contains(AgentKey, StringComparison.Ordinal)));
        var anonymous = await Client(null).PostAsJsonAsync("/v1/deflections", new { question = "how do I refund a payment" });
        var deflection = await _factory.Services.GetRequiredService<IOutcomeLog>().GetAsync((await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), CancellationToken.None);
        Assert.Null(deflection!.Caller);
    }
}

/// <summary>With no key configured every endpoint is open, and start-up says which ones.</summary>
public sealed class OpenModeTests : IDisposable
{
    private readonly SupportAssistFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_warning_lists_every_open_endpoint()
    {
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync("/health/live")).StatusCode);

        var warning = Assert.Single(_factory.Log.Events, e => e.MessageTemplate.Text.StartsWith("No API key is configured", StringComparison.Ordinal)).RenderMessage(null);
        foreach (var endpoint in new[] { "GET /v1/search/", "PUT /v1/articles/{id}", "DELETE /v1/articles/{id}", "POST /v1/articles/import", "GET /v1/audit/", "POST /v1/drafts/", "POST /v1/triage/" })
            Assert.Contains(endpoint, warning, StringComparison.Ordinal);
        Assert.DoesNotContain("/v1/deflections", warning, StringComparison.Ordinal);
    }
}
