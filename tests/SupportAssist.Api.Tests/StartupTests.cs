using Microsoft.Extensions.AI;
using SupportAssist.Infrastructure.Readiness;
using SupportAssist.Infrastructure.Triage;

namespace SupportAssist.Api.Tests;

/// <summary>
/// The host listens before its start-up work is done: live at once, not ready (saying what it waits for) until the
/// index and the triage model are loaded, and requests that need them get a 503 problem meanwhile. The work is held
/// by an embedder that waits for the test's signal, in front of the real one.
/// </summary>
public sealed class StartupTests
{
    private static readonly object Ticket = new { subject = "Refund not received", body = "I asked for a refund two weeks ago and the money is still not on my card." };
    private static readonly object Question = new { question = "How long does a refund take?" };

    [Fact]
    public async Task While_the_index_loads_the_host_is_live_not_ready_and_a_deflection_gets_503_with_retry_after()
    {
        var embedder = new HeldEmbeddings();
        using var factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, services: embedder.Install, waitUntilReady: false);
        using var client = factory.CreateClient();
        await embedder.Entered;

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        var deflection = await client.PostAsJsonAsync("/v1/deflections", Question);
        var keywordSearch = await client.GetAsync("/v1/search?q=refund&mode=bm25");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var index = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty(StartupReadiness.Index);
        Assert.Equal("Unhealthy", index.GetProperty("status").GetString());
        Assert.Matches(@"^indexing .*helpcenter: 0 of \d+ articles$", index.GetProperty("description").GetString());
        var problem = await deflection.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(StartupReadiness.Index, problem.GetProperty("waitingFor").GetString());
        Assert.Contains("indexing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(deflection.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 while starting says when to retry");
        Assert.Equal(StartupReadiness.Index, (await keywordSearch.AssertProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("waitingFor").GetString());
    }

    [Fact]
    public async Task Once_the_index_is_loaded_the_host_is_ready_and_answers_deflections()
    {
        var embedder = new HeldEmbeddings();
        using var factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, services: embedder.Install, waitUntilReady: false);
        using var client = factory.CreateClient();
        await embedder.Entered;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);

        embedder.Release();
        await factory.Readiness.Ready;
        var ready = await client.GetAsync("/health/ready");
        var deflection = await client.PostAsJsonAsync("/v1/deflections", Question);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var index = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty(StartupReadiness.Index);
        Assert.StartsWith("indexed ", index.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deflection.StatusCode);
    }

    [Fact]
    public async Task While_the_triage_model_trains_triage_gets_503_with_retry_after_and_readiness_names_it()
    {
        var embedder = new HeldEmbeddings();
        var folder = Path.Combine(Path.GetTempPath(), $"supportassist-tests-untrained-{Guid.NewGuid():N}");
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?>
        {
            ["SupportAssist:Triage:ModelFolder"] = folder,
            ["SupportAssist:Triage:TrainOnStart"] = "true",
        }, services: embedder.Install, waitUntilReady: false);
        using var client = factory.CreateClient();
        // Training reaches the embedder after its ML.NET classifier, and waits there until the host stops.
        await embedder.Entered;

        var ready = await client.GetAsync("/health/ready");
        var triage = await client.PostAsJsonAsync("/v1/triage", Ticket);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var model = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty(StartupReadiness.TriageModel);
        Assert.StartsWith("training from ", model.GetProperty("description").GetString(), StringComparison.Ordinal);
        var problem = await triage.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(StartupReadiness.TriageModel, problem.GetProperty("waitingFor").GetString());
        Assert.Contains("not loaded yet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(triage.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 while starting says when to retry");
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task With_TrainOnStart_false_the_host_loads_a_prebuilt_triage_model_without_training()
    {
        // The artefact is stale for this copy of the data (one test ticket fewer): training on start would replace it.
        var artefact = CopyFolder(await SupportAssistFactory.TrainedTriageModelAsync());
        var data = CopyFolder(SupportAssistFactory.TriageDataset);
        var test = Path.Combine(data, "test.jsonl");
        await File.WriteAllLinesAsync(test, (await File.ReadAllLinesAsync(test)).Where(l => l.Length > 0).SkipLast(1));
        var before = Snapshot(artefact);
        try
        {
            using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?>
            {
                ["SupportAssist:Triage:ModelFolder"] = artefact,
                ["SupportAssist:Triage:TrainingData"] = data,
                ["SupportAssist:Triage:TrainOnStart"] = "false",
            });
            using var client = factory.CreateClient();

            var ready = await client.GetAsync("/health/ready");
            var triage = await client.PostAsJsonAsync("/v1/triage", Ticket);

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var model = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty(StartupReadiness.TriageModel);
            Assert.Contains($"from {artefact}", model.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, triage.StatusCode);
            Assert.Equal(before, Snapshot(artefact));
        }
        finally
        {
            Directory.Delete(artefact, recursive: true);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task With_TrainOnStart_false_and_no_model_readiness_and_triage_say_which_command_builds_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"supportassist-tests-missing-{Guid.NewGuid():N}");
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?>
        {
            ["SupportAssist:Triage:ModelFolder"] = folder,
            ["SupportAssist:Triage:TrainOnStart"] = "false",
        }, waitUntilReady: false);
        using var client = factory.CreateClient();
        var error = await Assert.ThrowsAsync<NotReadyException>(() => factory.Readiness.Ready);

        var ready = await client.GetAsync("/health/ready");
        var triage = await client.PostAsJsonAsync("/v1/triage", Ticket);

        Assert.Equal(StartupReadiness.TriageModel, error.Component);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var model = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty(StartupReadiness.TriageModel);
        Assert.Contains("TrainOnStart is false", model.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(TriageModelLoader.TrainCommand(folder), model.GetProperty("description").GetString(), StringComparison.Ordinal);
        var problem = await triage.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains(TriageModelLoader.TrainCommand(folder), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(triage.Headers.RetryAfter);

        // A draft is still written, without triage; the agent is told so, and the server's paths stay in the log.
        var draft = await client.PostAsJsonAsync("/v1/drafts", Ticket);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var reasons = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains("no triage: triage is unavailable", reasons);
        Assert.DoesNotContain(reasons, r => r.Contains(folder, StringComparison.Ordinal));
    }

    private static string CopyFolder(string source)
    {
        var target = Directory.CreateTempSubdirectory("supportassist-tests-copy-").FullName;
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    private static string Snapshot(string folder) => string.Join("\n", Directory.GetFiles(folder).Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetFileName(f)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));

    /// <summary>
    /// Stands in front of the host's own embedder: every call waits until <see cref="Release"/> (or the host stops),
    /// and <see cref="Entered"/> completes when the first call arrives.
    /// </summary>
    private sealed class HeldEmbeddings
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public void Install(IServiceCollection services)
        {
            var registered = services.Last(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
            services.Remove(registered);
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
                new Held((IEmbeddingGenerator<string, Embedding<float>>)registered.ImplementationFactory!(sp), this));
        }

        private sealed class Held(IEmbeddingGenerator<string, Embedding<float>> inner, HeldEmbeddings gate) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
        {
            public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
                IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
            {
                gate._entered.TrySetResult();
                await gate._released.Task.WaitAsync(cancellationToken);
                return await base.GenerateAsync(values, options, cancellationToken);
            }
        }
    }
}
