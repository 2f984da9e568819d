using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SupportAssist.Infrastructure;

namespace SupportAssist.Evals;

/// <summary>
/// The service's own pipeline for an eval run: the same registrations as the API, configured the same way (the
/// API's appsettings.json, then SupportAssist__* environment variables), over a fresh SQLite file in a temp
/// folder. Started before use, so a bad option fails before any work.
/// </summary>
internal sealed class EvalHost : IAsyncDisposable
{
    private readonly string _folder;

    private EvalHost(IHost host, string folder)
    {
        Host = host;
        _folder = folder;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>The configuration the service would read (its appsettings.json, then the environment), before any run's overrides.</summary>
    public static IConfiguration BaseConfiguration() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(ApiFolder(), "appsettings.json"), optional: true).AddEnvironmentVariables().Build();

    public static async Task<EvalHost> StartAsync(
        IDictionary<string, string?>? overrides, CancellationToken cancellationToken, Action<IHostApplicationBuilder>? register = null)
    {
        var folder = Directory.CreateTempSubdirectory("supportassist-eval-").FullName;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Evaluation",
            ContentRootPath = ApiFolder(),
        });
        builder.Configuration.AddJsonFile(Path.Combine(ApiFolder(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SupportAssist:Storage:SqlitePath"] = Path.Combine(folder, "eval.db"),
            ["SupportAssist:KnowledgeBase:StartupIndexing"] = "Never",
        });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.AddKnowledgeBase();
        builder.AddRetrieval();
        register?.Invoke(builder);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EvalHost(host, folder);
    }

    /// <summary>The repository root (the folder holding SupportAssist.sln), from the working directory or the binaries.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SupportAssist.sln"))) return directory.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    private static string ApiFolder() => Path.Combine(RepositoryRoot(), "src", "SupportAssist.Api");

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
