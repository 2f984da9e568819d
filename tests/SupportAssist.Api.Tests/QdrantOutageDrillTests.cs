using System.Collections.Concurrent;

namespace SupportAssist.Api.Tests;

/// <summary>
/// The Qdrant drill, short: eight clients send deflections and searches without pause while the Qdrant stand-in is
/// stopped under them (its listener closed, as a crashed server would be). Every request is answered: before the stop
/// from Qdrant, after it degraded from the local BM25 copy; no 5xx at any point.
/// </summary>
public sealed class QdrantOutageDrillTests : IAsyncLifetime
{
    private const string ApiKey = "drill-qdrant-key";
    private FakeQdrantServer _qdrant = null!;

    public async Task InitializeAsync()
    {
        if (FakeQdrantServer.Available) _qdrant = await FakeQdrantServer.StartAsync(ApiKey);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [QdrantStandInFact]
    public async Task Stopping_qdrant_mid_load_gives_degraded_answers_and_no_5xx()
    {
        using var factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["SupportAssist:VectorStore:Provider"] = "qdrant",
            ["SupportAssist:VectorStore:Qdrant:Endpoint"] = _qdrant.Root.ToString(),
            ["SupportAssist:VectorStore:Qdrant:ApiKey"] = ApiKey,
            ["SupportAssist:VectorStore:Qdrant:LocalFallback"] = "true",
            ["SupportAssist:VectorStore:Qdrant:Resilience:MaxRetries"] = "0",
            ["SupportAssist:Embeddings:Provider"] = "lexical",
        });
        var client = factory.CreateClient();
        var answers = new ConcurrentQueue<(bool AfterStop, int Status, bool Degraded)>();
        var stopped = 0;
        var afterStop = 0;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task Client(int worker)
        {
            // Until 80 requests sent after the stop have been answered: bounded by count, not by time.
            for (var i = 0; Volatile.Read(ref afterStop) < 80; i++)
            {
                var sentAfterStop = Volatile.Read(ref stopped) == 1;
                using var response = i % 2 == 0
                    ? await client.PostAsJsonAsync("/v1/deflections", new { question = $"How do I change my payout schedule? ({worker}-{i})" })
                    : await client.GetAsync("/v1/search?q=" + Uri.EscapeDataString($"refund a payment {worker}-{i}"));
                var body = await response.Content.ReadAsStringAsync();
                var degraded = response.IsSuccessStatusCode && JsonDocument.Parse(body).RootElement.GetProperty("degraded").GetBoolean();
                answers.Enqueue((sentAfterStop, (int)response.StatusCode, degraded));
                if (answers.Count >= 40) halfway.TrySetResult();
                if (sentAfterStop) Interlocked.Increment(ref afterStop);
            }
        }

        var clients = Enumerable.Range(0, 8).Select(w => Task.Run(() => Client(w))).ToList();
        await halfway.Task;
        await _qdrant.DisposeAsync();
        Volatile.Write(ref stopped, 1);
        await Task.WhenAll(clients);

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Contains(answers, a => !a.AfterStop && !a.Degraded);
        var after = answers.Where(a => a.AfterStop).ToList();
        Assert.True(after.Count >= 80);
        Assert.All(after, a => Assert.True(a.Degraded, "after the stop every answer is degraded (from the local copy)"));
    }
}
