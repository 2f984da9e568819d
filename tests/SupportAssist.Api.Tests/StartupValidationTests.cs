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
    private static WebApplication Build(string key, string value, string vectorStore = "sqlite")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SupportAssist:KnowledgeBase:StartupIndexing"] = "Never",
            ["SupportAssist:Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"supportassist-never-created-{Guid.NewGuid():N}.db"),
            ["SupportAssist:VectorStore:Provider"] = vectorStore,
            [key] = value,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddApiKeyAuthentication();
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
    [InlineData("SupportAssist:Deflection:AnswerThreshold", "1.5", "AnswerThreshold")]
    [InlineData("SupportAssist:Deflection:SuggestThreshold", "0.9", "SuggestThreshold must not be above AnswerThreshold")]
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
