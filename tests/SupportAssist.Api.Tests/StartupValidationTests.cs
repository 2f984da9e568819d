using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SupportAssist.Api.Hosting;
using SupportAssist.Infrastructure;

namespace SupportAssist.Api.Tests;

/// <summary>
/// A bad option stops start-up with a message naming it. These build the host with the same registration
/// extensions as Program.cs rather than through WebApplicationFactory, whose failed-start path races with
/// its own disposal of the service provider.
/// </summary>
public sealed class StartupValidationTests
{
    private static WebApplication Build(string key, string value, string vectorStore = "sqlite", Dictionary<string, string?>? extra = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        var settings = new Dictionary<string, string?>
        {
            ["SupportAssist:KnowledgeBase:StartupIndexing"] = "Never",
            ["SupportAssist:Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"supportassist-never-created-{Guid.NewGuid():N}.db"),
            ["SupportAssist:VectorStore:Provider"] = vectorStore,
            [key] = value,
        };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddApiKeyAuthentication();
        builder.AddEndpointProtection();
        builder.AddKnowledgeBase();
        builder.AddRetrieval();
        builder.AddLanguageModels();
        builder.AddDeflection();
        builder.AddTriage();
        builder.AddDrafts();
        return builder.Build();
    }

    // Options read while the resilience handler validates its own come back wrapped in an AggregateException.
    private static async Task<OptionsValidationException> StartFailureAsync(WebApplication app)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        return error as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(Assert.IsType<AggregateException>(error).InnerExceptions[0]);
    }

    [Theory]
    [InlineData("SupportAssist:Retrieval:RrfK", "0", "RrfK")]
    [InlineData("SupportAssist:Retrieval:CandidatesPerRetriever", "500", "CandidatesPerRetriever")]
    [InlineData("SupportAssist:KnowledgeBase:MaxChunkChars", "10", "MaxChunkChars")]
    [InlineData("SupportAssist:Embeddings:Provider", "magic", "Embeddings:Provider")]
    [InlineData("SupportAssist:VectorStore:Provider", "pinecone", "VectorStore:Provider")]
    [InlineData("SupportAssist:Storage:SqlitePath", "", "SqlitePath")]
    [InlineData("SupportAssist:Security:AdminApiKeys:0", "short", "AdminApiKeys")]
    [InlineData("SupportAssist:Security:ApiKeys:0:Scopes:0", "superuser", "ApiKeys:0:Scopes: 'superuser' is not one of")]
    [InlineData("SupportAssist:Security:ApiKeys:0:Key", "short", "ApiKeys:0:Name must be")]
    [InlineData("SupportAssist:Limits:Public:PermitLimit", "0", "PermitLimit")]
    [InlineData("SupportAssist:Limits:TrustedProxies:0", "not-an-address", "TrustedProxies must be IP addresses or CIDR networks")]
    [InlineData("SupportAssist:Deflection:AnswerThreshold", "1.5", "AnswerThreshold")]
    [InlineData("SupportAssist:Deflection:TargetAnswerPrecision", "0.3", "TargetAnswerPrecision")]
    [InlineData("SupportAssist:Deflection:PolicyModelPath", "/nonexistent/answerability.json", "PolicyModelPath: the answerability model '/nonexistent/answerability.json' does not exist; build it with: dotnet run --project src/SupportAssist.Evals -- train-policy")]
    [InlineData("SupportAssist:Embeddings:Precision", "fp16", "Embeddings:Precision must be 'int8' or 'fp32'")]
    [InlineData("SupportAssist:Embeddings:IntraOpThreads", "0", "IntraOpThreads")]
    [InlineData("SupportAssist:Retrieval:DenseWeight", "0", "DenseWeight")]
    [InlineData("SupportAssist:Deflection:HandoffPatterns:LegalThreat:0", "(unclosed", "(unclosed")]
    [InlineData("SupportAssist:Llm:Provider", "ollama", "Llm:Provider must be")]
    [InlineData("SupportAssist:Llm:Provider", "azure-openai", "SupportAssist:Llm:Model is required for provider 'azure-openai'")]
    [InlineData("SupportAssist:Llm:Resilience:AttemptTimeoutSeconds", "0", "AttemptTimeoutSeconds")]
    [InlineData("SupportAssist:Llm:Resilience:CircuitSamplingSeconds", "100", "CircuitSamplingSeconds (100) must be at least twice AttemptTimeoutSeconds (60)")]
    [InlineData("SupportAssist:Llm:InputPricePerMillionTokens", "-1", "InputPricePerMillionTokens")]
    [InlineData("SupportAssist:Embeddings:Provider", "openai", "SupportAssist:Embeddings:Model is required for provider 'openai'")]
    [InlineData("SupportAssist:Drafts:Tone", "", "Tone")]
    [InlineData("SupportAssist:Drafts:MaxWords", "5", "MaxWords")]
    [InlineData("SupportAssist:Triage:RulesFile", "/nonexistent/rules.json", "triage rules file '/nonexistent/rules.json' does not exist")]
    [InlineData("SupportAssist:Triage:Classifier", "bert", "Triage:Classifier must be")]
    [InlineData("SupportAssist:Triage:Classifier", "llm", "Classifier 'llm' needs a language model")]
    public async Task A_bad_option_stops_start_up_naming_it(string key, string value, string expected)
    {
        await using var app = Build(key, value);

        var validation = await StartFailureAsync(app);

        Assert.Contains(expected, validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suggestion_threshold_above_a_fixed_answer_threshold_stops_start_up()
    {
        await using var app = Build("SupportAssist:Deflection:AnswerThreshold", "0.5", extra: new() { ["SupportAssist:Deflection:SuggestThreshold"] = "0.9" });

        var validation = await StartFailureAsync(app);

        Assert.Contains("SuggestThreshold must not be above AnswerThreshold", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_file_for_other_evidence_stops_start_up_naming_the_fix()
    {
        var path = Path.Combine(Path.GetTempPath(), $"answerability-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"version": "x", "features": ["dense_top"], "means": [0], "scales": [1], "weights": [1], "bias": 0, "curve": [], "training": {}}""");
        try
        {
            await using var app = Build("SupportAssist:Deflection:PolicyModelPath", path);

            var validation = await StartFailureAsync(app);

            Assert.Contains("does not read the evidence this build collects", validation.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("SupportAssist:VectorStore:Qdrant:WriteConsistencyFactor", "3", "WriteConsistencyFactor (3) must not exceed ReplicationFactor (1)")]
    [InlineData("SupportAssist:VectorStore:Qdrant:Quantization", "binary", "Quantization must be 'none' or 'scalar'")]
    [InlineData("SupportAssist:VectorStore:Qdrant:Fusion", "dbsf", "Fusion must be 'server' or 'client'")]
    [InlineData("SupportAssist:VectorStore:Qdrant:Endpoint", "ftp://qdrant.internal", "Endpoint must be an absolute http or https URL")]
    [InlineData("SupportAssist:VectorStore:Qdrant:Collection", "kb chunks!", "Collection must be 1 to 200 letters")]
    [InlineData("SupportAssist:VectorStore:Qdrant:UpsertBatchSize", "0", "UpsertBatchSize")]
    [InlineData("SupportAssist:VectorStore:Qdrant:Resilience:AttemptTimeoutSeconds", "20", "TotalTimeoutSeconds (15) must not be below AttemptTimeoutSeconds (20)")]
    public async Task A_bad_qdrant_option_stops_start_up_naming_it(string key, string value, string expected)
    {
        await using var app = Build(key, value, vectorStore: "qdrant");

        var validation = await StartFailureAsync(app);

        Assert.Contains(expected, validation.Message, StringComparison.Ordinal);
        Assert.Contains("SupportAssist:VectorStore:Qdrant:", validation.Message, StringComparison.Ordinal);
    }
}
