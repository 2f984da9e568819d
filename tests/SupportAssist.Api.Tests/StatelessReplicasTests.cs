namespace SupportAssist.Api.Tests;

/// <summary>
/// Two API hosts sharing one PostgreSQL database and one Qdrant (our loopback stand-in), as replicas behind a load
/// balancer: what one replica wrote, the other reads and changes. Each host has its own SQLite file, which holds
/// nothing the other needs.
/// </summary>
public sealed class StatelessReplicasTests : IAsyncLifetime
{
    private const string QdrantKey = "replicas-qdrant-key";
    private const string AdminKey = "replicas-admin-key-0123456789";
    private const string AgentKey = "replicas-agent-key-0123456789";
    private FakeQdrantServer _qdrant = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        if (!PostgresServer.Runs || !FakeQdrantServer.Available) return;
        _qdrant = await FakeQdrantServer.StartAsync(QdrantKey);
        _database = await PostgresServer.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (!PostgresServer.Runs || !FakeQdrantServer.Available) return;
        await _qdrant.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    private SupportAssistFactory Replica(string? articles) => new(articles, new Dictionary<string, string?>
    {
        ["SupportAssist:Storage:Provider"] = "postgres",
        ["SupportAssist:Storage:PostgresConnectionString"] = _database,
        ["SupportAssist:VectorStore:Provider"] = "qdrant",
        ["SupportAssist:VectorStore:Qdrant:Endpoint"] = _qdrant.Root.ToString(),
        ["SupportAssist:VectorStore:Qdrant:ApiKey"] = QdrantKey,
        ["SupportAssist:VectorStore:Qdrant:LocalFallback"] = "false",
        ["SupportAssist:Embeddings:Provider"] = "lexical",
        ["SupportAssist:Security:ApiKeys:0:Name"] = "admin",
        ["SupportAssist:Security:ApiKeys:0:Key"] = AdminKey,
        ["SupportAssist:Security:ApiKeys:0:Scopes:0"] = "admin",
        ["SupportAssist:Security:ApiKeys:1:Name"] = "agent",
        ["SupportAssist:Security:ApiKeys:1:Key"] = AgentKey,
        ["SupportAssist:Security:ApiKeys:1:Scopes:0"] = "agent",
    });

    private static HttpClient Client(SupportAssistFactory factory, string? key = null)
    {
        var client = factory.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        if (response.StatusCode != expected) Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [PostgresAndQdrantStandInFact]
    public async Task What_one_replica_writes_the_other_reads_and_changes()
    {
        // A indexes the sample help center into Qdrant at start; B starts on an empty SQLite file and indexes nothing.
        using var a = Replica(SupportAssistFactory.SampleHelpCenter);
        using var b = Replica(null);
        var publicA = Client(a);
        var publicB = Client(b);

        // A deflection answered by A gets its feedback through B.
        var deflection = await Json(await publicA.PostAsJsonAsync("/v1/deflections", new { question = "How long does a refund take to reach the customer?" }));
        var deflectionId = deflection.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await publicB.PostAsJsonAsync($"/v1/deflections/{deflectionId}/feedback", new { kind = "helpful" })).StatusCode);
        var again = await publicA.PostAsJsonAsync($"/v1/deflections/{deflectionId}/feedback", new { kind = "not_helpful" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // A case created on A is listed and answered on B.
        var created = await Json(await publicA.PostAsJsonAsync("/v1/cases", new
        {
            subject = "Refund not arrived",
            message = "I refunded a payment five days ago and my customer has not received it yet.",
            contactEmail = "owner@example.com",
            deflectionIds = new[] { deflectionId },
        }), HttpStatusCode.Created);
        var caseId = created.GetProperty("id").GetString();
        var agentB = Client(b, AgentKey);
        var listed = await Json(await agentB.GetAsync("/v1/cases"));
        Assert.Contains(listed.GetProperty("cases").EnumerateArray(), c => c.GetProperty("id").GetString() == caseId);
        var draft = await Json(await agentB.PostAsync($"/v1/cases/{caseId}/drafts", null));
        var replied = await Json(await agentB.PostAsJsonAsync($"/v1/cases/{caseId}/replies", new { draftId = draft.GetProperty("id").GetString(), kind = "accepted" }));
        Assert.Single(replied.GetProperty("replies").EnumerateArray());
        var seenByA = await Json(await Client(a, AgentKey).GetAsync($"/v1/cases/{caseId}"));
        Assert.Single(seenByA.GetProperty("replies").EnumerateArray());

        // An article written through A is found by B's search.
        var put = await Client(a, AdminKey).PutAsJsonAsync("/v1/articles/replica-handover", new
        {
            title = "Handing a store over to a new owner",
            locale = "en",
            audience = "public",
            body = "## Transferring ownership\n\nTo hand your store over to a new owner, invite them as an administrator, then transfer ownership from Settings.",
        });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var search = await Json(await agentB.GetAsync("/v1/search?q=" + Uri.EscapeDataString("transfer store ownership to a new owner")));
        Assert.Equal("replica-handover", search.GetProperty("results")[0].GetProperty("articleId").GetString());
    }
}
