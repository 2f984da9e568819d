using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Deflection;

namespace SupportAssist.Benchmarks;

/// <summary>
/// <c>POST /v1/deflections</c> in extractive mode on the sample help center with the local encoder: the real
/// service (WebApplicationFactory's in-memory server: routing, binding, validation, JSON, logging middleware)
/// and, beside it, the deflection service alone. Each operation is one question of the 20 README smoke
/// questions in turn: redact, handoff rules, embed, hybrid retrieval, evidence, extractive answer, outcome written
/// to SQLite.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class DeflectionBenchmarks
{
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;
    private DeflectionService _service = null!;
    private string _folder = "";
    private string[] _questions = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot();
        _questions = File.ReadLines(Path.Combine(root, "evals", "datasets", "smoke-questions.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("question").GetString()!)
            .ToArray();
        _folder = Directory.CreateTempSubdirectory("supportassist-deflect-").FullName;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Benchmark");
            web.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SupportAssist:Storage:SqlitePath"] = Path.Combine(_folder, "supportassist.db"),
                ["SupportAssist:KnowledgeBase:SourceFolder"] = Path.Combine(root, "samples", "helpcenter"),
                ["SupportAssist:Embeddings:Provider"] = "local",
                ["SupportAssist:Llm:Provider"] = "extractive",
                ["Serilog:MinimumLevel:Default"] = "Warning",
            }));
        });
        _client = _factory.CreateClient();
        _service = _factory.Services.GetRequiredService<DeflectionService>();
        // Start-up indexing runs before the host serves; one request of each kind warms the paths.
        _client.PostAsJsonAsync("/v1/deflections", new { question = _questions[0] }).GetAwaiter().GetResult().EnsureSuccessStatusCode();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "POST /v1/deflections (extractive, local encoder)")]
    public async Task<int> PostDeflection()
    {
        using var response = await _client.PostAsJsonAsync("/v1/deflections", new { question = _questions[_next++ % _questions.Length] });
        response.EnsureSuccessStatusCode();
        return (int)response.StatusCode;
    }

    [Benchmark(Description = "DeflectionService.DeflectAsync alone")]
    public async Task<DeflectionDecision> Deflect() =>
        (await _service.DeflectAsync(new DeflectionRequest(_questions[_next++ % _questions.Length], null, null, null, null), CancellationToken.None)).Decision;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssist.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
