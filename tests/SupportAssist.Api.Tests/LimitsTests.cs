namespace SupportAssist.Api.Tests;

/// <summary>
/// Rate and body limits on the real host served by Kestrel on loopback (the client address is 127.0.0.1, so
/// X-Forwarded-For is only believed when 127.0.0.1 is a configured proxy).
/// </summary>
public sealed class LimitsTests
{
    private static SupportAssistFactory Start(Dictionary<string, string?> settings)
    {
        settings["SupportAssist:Limits:Enabled"] = "true";
        var factory = new SupportAssistFactory(settings: settings);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    private static async Task<HttpResponseMessage> DeflectAsync(HttpClient client, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/deflections") { Content = JsonContent.Create(new { question = "how do I refund a payment" }) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_client_over_the_public_limit_gets_a_429_problem_with_retry_after_and_other_classes_still_answer()
    {
        using var factory = Start(new() { ["SupportAssist:Limits:Public:PermitLimit"] = "3", ["SupportAssist:Limits:Public:WindowSeconds"] = "60" });
        var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await DeflectAsync(client)).StatusCode);
        var refused = await DeflectAsync(client);
        var feedback = await client.PostAsJsonAsync($"/v1/deflections/{Guid.NewGuid()}/feedback", new { kind = "helpful" });
        var triage = await client.PostAsJsonAsync("/v1/triage", new { subject = "Refund", body = "How do I refund a payment?" });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        // Feedback is in the same class (public); the agent class has its own budget.
        await feedback.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, triage.StatusCode);
    }

    [Fact]
    public async Task X_Forwarded_For_is_ignored_unless_it_comes_from_a_configured_proxy()
    {
        using var direct = Start(new() { ["SupportAssist:Limits:Public:PermitLimit"] = "2" });
        using var proxied = Start(new() { ["SupportAssist:Limits:Public:PermitLimit"] = "2", ["SupportAssist:Limits:TrustedProxies:0"] = "127.0.0.1" });

        // Without a trusted proxy, a client cannot get a fresh budget by inventing addresses.
        var directStatuses = new List<HttpStatusCode>();
        foreach (var address in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" }) directStatuses.Add((await DeflectAsync(direct.CreateClient(), address)).StatusCode);
        // Behind a trusted proxy, each client address has its own budget.
        var proxiedClient = proxied.CreateClient();
        var first = new[] { await DeflectAsync(proxiedClient, "203.0.113.1"), await DeflectAsync(proxiedClient, "203.0.113.1"), await DeflectAsync(proxiedClient, "203.0.113.1") };
        var other = await DeflectAsync(proxiedClient, "203.0.113.2");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], directStatuses);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first.Select(r => r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_public_body_over_64_KB_is_refused_before_it_is_read_and_nothing_is_written()
    {
        using var factory = Start([]);
        var client = factory.CreateClient();
        var padding = new string('a', 70 * 1024);
        var json = $"{{\"question\": \"how do I refund a payment\", \"unknown\": \"{padding}\"}}";

        var sized = await client.PostAsync("/v1/deflections", new StringContent(json, Encoding.UTF8, "application/json"));
        // Chunked, with no Content-Length: the server stops reading at the limit.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/deflections") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await client.SendAsync(request);
        var justUnder = await client.PostAsync("/v1/deflections", new StringContent($"{{\"question\": \"how do I refund a payment\", \"unknown\": \"{new string('a', 60 * 1024)}\"}}", Encoding.UTF8, "application/json"));

        await sized.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await streamed.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.OK, justUnder.StatusCode);
        // Only the request under the limit was recorded.
        var store = new SupportAssist.Infrastructure.Sqlite.SqliteOutcomeLog(new SupportAssist.Infrastructure.Sqlite.SqliteDatabase(
            factory.DatabasePath, Microsoft.Extensions.Logging.Abstractions.NullLogger<SupportAssist.Infrastructure.Sqlite.SqliteDatabase>.Instance));
        Assert.Single(await store.ReadAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Repeated_wrong_keys_are_refused_with_429_while_the_right_key_still_works()
    {
        const string key = "limits-admin-key-0123456789";
        using var factory = Start(new()
        {
            ["SupportAssist:Security:ApiKeys:0:Name"] = "ops",
            ["SupportAssist:Security:ApiKeys:0:Key"] = key,
            ["SupportAssist:Security:ApiKeys:0:Scopes:0"] = "agent",
            ["SupportAssist:Limits:FailedKeys:PermitLimit"] = "3",
            ["SupportAssist:Limits:FailedKeys:WindowSeconds"] = "120",
        });
        async Task<HttpResponseMessage> SendAsync(string presented, string path = "/v1/search?q=refund")
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Api-Key", presented);
            return await factory.CreateClient().SendAsync(request);
        }

        // Wrong keys sent to a public endpoint are not checked, so they do not count.
        var ignored = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++) ignored.Add(await SendAsync($"wrong-key-public-00000{i}", "/v1/suggestions?q=refund"));
        var before = await SearchAsync(key);
        var wrong = new[] { await SendAsync("wrong-key-0000000000001"), await SendAsync("wrong-key-0000000000002"), await SendAsync("wrong-key-0000000000003") };
        var blocked = await SendAsync("wrong-key-0000000000004");
        var right = await SendAsync(key);

        Assert.All(ignored, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.All(wrong, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(blocked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 120);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);

        Task<HttpResponseMessage> SearchAsync(string presented) => SendAsync(presented);
    }
}

/// <summary>Which client a limit counts.</summary>
public sealed class ClientPartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    public void IPv6_clients_are_counted_per_64_network(string address, string partition) =>
        Assert.Equal(partition, SupportAssist.Api.Hosting.EndpointProtection.ClientPartition(System.Net.IPAddress.Parse(address)));
}
