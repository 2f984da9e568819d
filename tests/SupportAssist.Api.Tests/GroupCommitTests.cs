using Microsoft.Data.Sqlite;

namespace SupportAssist.Api.Tests;

/// <summary>
/// The group-commit writer seen from the API: a full write queue is a 503 problem with Retry-After and nothing
/// written for that request, and every request answered 200 has its outcome in the store.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly SupportAssistFactory _factory = new(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
    {
        // One write waiting and one running at most: the third concurrent write finds the queue full.
        ["SupportAssist:Storage:WriteQueueCapacity"] = "1",
        ["SupportAssist:Storage:WriteBatchSize"] = "1",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_full_write_queue_is_a_503_with_retry_after_and_every_acknowledged_outcome_is_stored()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/deflections", new { question = "how long does a refund take" })).StatusCode);

        // Another process holds the file's write lock: the writer's batch waits on it, so the queue cannot drain.
        await using var blocker = new SqliteConnection($"Data Source={_factory.DatabasePath}");
        await blocker.OpenAsync();
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        const int requests = 6;
        var pending = Enumerable.Range(0, requests)
            .Select(i => client.PostAsJsonAsync("/v1/deflections", new { question = $"how do I reset my password (attempt {i})" }))
            .ToList();

        // With one write running and one queued, at least four of six are refused while the lock is held.
        var refused = new List<HttpResponseMessage>();
        while (refused.Count < requests - 2)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            var response = await done;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            refused.Add(response);
        }

        await using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        var accepted = await Task.WhenAll(pending);

        // A request still on its way to the writer when the lock went may find the queue full too: whatever the
        // split, every refusal is a 503 problem with Retry-After, and exactly the acknowledged writes are stored.
        var acknowledged = new List<Guid>();
        foreach (var response in accepted)
        {
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) refused.Add(response);
            else acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        foreach (var response in refused)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "a refused write says when to retry");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }
        Assert.Equal(requests, refused.Count + acknowledged.Count);

        var log = _factory.Services.GetRequiredService<IOutcomeLog>();
        foreach (var id in acknowledged) Assert.NotNull(await log.GetAsync(id, CancellationToken.None));
        var stored = await log.ReadSinceAsync(DateTimeOffset.MinValue, CancellationToken.None);
        // The first deflection plus the acknowledged ones: a refused request wrote nothing.
        Assert.Equal(1 + acknowledged.Count, stored.Count(s => s.Outcome.Kind == "deflection"));
    }
}
