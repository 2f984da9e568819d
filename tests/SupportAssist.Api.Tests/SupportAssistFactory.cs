using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SupportAssist.Embeddings.Arctic;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Readiness;
using SupportAssist.Infrastructure.Triage;

namespace SupportAssist.Api.Tests;

/// <summary>
/// The real host on a fresh SQLite file in its own temp folder, optionally indexing a folder of articles at start-up.
/// The host listens before its start-up work is done; unless told otherwise, the factory hands out the host only once
/// it is ready (it awaits <see cref="StartupReadiness.Ready"/>), so tests see a loaded index and triage model.
/// </summary>
public sealed class SupportAssistFactory : WebApplicationFactory<Program>
{
    // Far above a start-up on a busy machine; only a hung start reaches it, and it fails with what was still starting.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);

    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-api-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _waitUntilReady;

    /// <param name="articlesFolder">Markdown articles indexed at start-up, when given.</param>
    /// <param name="settings">Configuration over the defaults below.</param>
    /// <param name="services">Registrations over the application's (a test's own stand-ins).</param>
    /// <param name="waitUntilReady">False to get the host as soon as it listens, while its start-up work still runs.</param>
    public SupportAssistFactory(string? articlesFolder = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool waitUntilReady = true)
    {
        _services = services;
        _waitUntilReady = waitUntilReady;
        _settings = new Dictionary<string, string?>
        {
            ["SupportAssist:Storage:SqlitePath"] = Path.Combine(_folder, "supportassist.db"),
            ["SupportAssist:KnowledgeBase:SourceFolder"] = articlesFolder,
            ["SupportAssist:KnowledgeBase:StartupIndexing"] = articlesFolder is null ? "Never" : "WhenEmpty",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Tests send hundreds of requests from one address; the rate-limit tests turn limits back on.
            ["SupportAssist:Limits:Enabled"] = "false",
            // One triage model per test run, trained once before the first host starts (outside the source tree);
            // hosts load it as it is (one on another embedder uses its ML.NET classifier) and never retrain it.
            ["SupportAssist:Triage:ModelFolder"] = TriageModelFolder,
            ["SupportAssist:Triage:TrainOnStart"] = "false",
            // One embedding cache per test run: the first host to index the sample help center embeds it, the rest read it.
            ["SupportAssist:Embeddings:CachePath"] = EmbeddingCachePath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>Where this test run's triage model lives (trained once from evals/datasets/triage, before the first host starts).</summary>
    public static string TriageModelFolder { get; } = Path.Combine(Path.GetTempPath(), $"supportassist-tests-triage-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>The repository's labelled triage data.</summary>
    public static string TriageDataset => Path.Combine(RepositoryRoot, "evals", "datasets", "triage");

    /// <summary>Trains this test run's triage model (once, with the shared encoder, as the eval CLI's <c>train</c> does) and returns its folder.</summary>
    public static async Task<string> TrainedTriageModelAsync()
    {
        await TriageModelTraining.Value;
        return TriageModelFolder;
    }

    private static readonly Lazy<Task> TriageModelTraining = new(() =>
        TriageModel.TrainAsync(TriageDataset, TriageModelFolder, new LocalEmbeddingGenerator(SharedEncoder), TimeProvider.System, CancellationToken.None));

    /// <summary>The host's start-up work: what it waits for, and a task that completes when it is ready.</summary>
    public StartupReadiness Readiness => Services.GetRequiredService<StartupReadiness>();

    /// <summary>This test run's passage-embedding cache, shared by every host.</summary>
    public static string EmbeddingCachePath { get; } = Path.Combine(Path.GetTempPath(), $"supportassist-tests-embeddings-{Environment.ProcessId}-{Guid.NewGuid():N}.db");

    /// <summary>The repository's sample help center.</summary>
    public static string SampleHelpCenter => Path.Combine(RepositoryRoot, "samples", "helpcenter");

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssist.sln"))) directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("SupportAssist.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public string DatabasePath => _settings["SupportAssist:Storage:SqlitePath"]!;

    /// <summary>
    /// The local encoder, loaded once per test run and shared by every host (registered as an instance, so no host
    /// disposes it); its int8 model is kept in the user's model cache between runs.
    /// </summary>
    public static ArcticEmbedXs SharedEncoder => Encoder.Value;

    private static readonly Lazy<ArcticEmbedXs> Encoder = new(() => ArcticEmbedXs.Load(new EncoderOptions { Precision = EncoderPrecision.FullPrecision }));

    /// <summary>Every log event of Warning or above (the tests' minimum level) this host wrote.</summary>
    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(SharedEncoder);
            services.AddSingleton<Serilog.Core.ILogEventSink>(Log);
            _services?.Invoke(services);
        });
    }

    // WebApplicationFactory builds and starts the host synchronously here; the waits block the same way its start does.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        TriageModelTraining.Value.GetAwaiter().GetResult();
        var host = base.CreateHost(builder);
        if (!_waitUntilReady) return host;
        var readiness = host.Services.GetRequiredService<StartupReadiness>();
        try
        {
            readiness.Ready.WaitAsync(ReadyTimeout).GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is TimeoutException or NotReadyException)
        {
            var waiting = string.Join("; ", readiness.Components.Select(c => $"{c.Name}: {c.State} ({c.Status.Description})"));
            host.Dispose();
            throw new InvalidOperationException($"The host did not get ready: {waiting}", error);
        }
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A Serilog sink that keeps the events it is given.</summary>
public sealed class CapturedLog : Serilog.Core.ILogEventSink
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Serilog.Events.LogEvent> _events = new();

    public IReadOnlyList<Serilog.Events.LogEvent> Events => _events.ToList();

    public void Emit(Serilog.Events.LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>The events above Information written while serving a request (start-up warnings aside), rendered.</summary>
    public IReadOnlyList<string> AboveInformation() =>
        Events.Where(e => e.Level > Serilog.Events.LogEventLevel.Information && e.Properties.ContainsKey("RequestId")).Select(e => $"{e.Level}: {e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} {e.Exception?.GetType().Name}").ToList();
}

/// <summary>One host over the sample help center, shared by the read-only tests of a class.</summary>
public sealed class SampleHelpCenterFixture : IDisposable
{
    public SupportAssistFactory Factory { get; } = new(SupportAssistFactory.SampleHelpCenter);

    public void Dispose() => Factory.Dispose();
}
