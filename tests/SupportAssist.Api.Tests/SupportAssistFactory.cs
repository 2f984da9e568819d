using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

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
            // One triage model per test run, trained by the first host that starts, outside the source tree.
            ["SupportAssist:Triage:ModelFolder"] = TriageModelFolder,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>Where this test run's triage model lives (trained at the first host's start-up from evals/datasets/triage).</summary>
    public static string TriageModelFolder { get; } = Path.Combine(Path.GetTempPath(), $"supportassist-tests-triage-{Environment.ProcessId}-{Guid.NewGuid():N}");

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>One host over the sample help center, shared by the read-only tests of a class.</summary>
public sealed class SampleHelpCenterFixture : IDisposable
{
    public SupportAssistFactory Factory { get; } = new(SupportAssistFactory.SampleHelpCenter);

    public void Dispose() => Factory.Dispose();
}
