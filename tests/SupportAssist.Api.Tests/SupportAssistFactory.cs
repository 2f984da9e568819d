using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Embeddings.Arctic;
using SupportAssist.Infrastructure.AI;

namespace SupportAssist.Api.Tests;

/// <summary>The real host on a fresh SQLite file in its own temp folder, optionally indexing a folder of articles at start-up.</summary>
public sealed class SupportAssistFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-api-").FullName;
    private readonly Dictionary<string, string?> _settings;

    public SupportAssistFactory(string? articlesFolder = null, IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["SupportAssist:Storage:SqlitePath"] = Path.Combine(_folder, "supportassist.db"),
            ["SupportAssist:KnowledgeBase:SourceFolder"] = articlesFolder,
            ["SupportAssist:KnowledgeBase:StartupIndexing"] = articlesFolder is null ? "Never" : "WhenEmpty",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Tests send hundreds of requests from one address; the rate-limit tests turn limits back on.
            ["SupportAssist:Limits:Enabled"] = "false",
            // One triage model per test run, trained by the first host that starts, outside the source tree.
            ["SupportAssist:Triage:ModelFolder"] = TriageModelFolder,
            // One embedding cache per test run: the first host to index the sample help center embeds it, the rest read it.
            ["SupportAssist:Embeddings:CachePath"] = EmbeddingCachePath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>Where this test run's triage model lives (trained at the first host's start-up from evals/datasets/triage).</summary>
    public static string TriageModelFolder { get; } = Path.Combine(Path.GetTempPath(), $"supportassist-tests-triage-{Environment.ProcessId}-{Guid.NewGuid():N}");

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
        });
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
