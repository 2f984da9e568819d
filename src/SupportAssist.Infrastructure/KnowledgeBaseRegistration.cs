using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Diagnostics;
using SupportAssist.Embeddings.Arctic;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.KnowledgeBase;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure;

/// <summary>Registrations for the knowledge base and retrieval, chosen by configuration.</summary>
public static class KnowledgeBaseRegistration
{
    /// <summary>The store (SQLite or Qdrant, by <c>VectorStore:Provider</c>), ingestion, and the start-up indexing of the source folder.</summary>
    public static IHostApplicationBuilder AddKnowledgeBase(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSharedState();
        builder.Services.AddOptions<KnowledgeBaseOptions>().BindConfiguration(KnowledgeBaseOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            // Warming answer sentences only pays where a cache keeps the vectors.
            .PostConfigure<IOptions<EmbeddingsOptions>>((kb, embeddings) => kb.WarmAnswerSentences &= embeddings.Value.Cache && embeddings.Value.Provider != EmbeddingsOptions.Lexical);
        builder.Services.AddOptions<VectorStoreOptions>().BindConfiguration(VectorStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<VectorStoreOptions>, VectorStoreOptionsValidation>();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new SqliteDatabase(
            Path.GetFullPath(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddSingleton<SqliteVectorIndex>();
        builder.Services.AddSingleton<SqliteKnowledgeStore>();
        builder.AddQdrantStore();
        // The provider is read when first resolved, after every configuration source (tests' included) is in.
        builder.Services.AddSingleton<IKnowledgeStore>(sp => UsesQdrant(sp) ? sp.GetRequiredService<QdrantKnowledgeStore>() : sp.GetRequiredService<SqliteKnowledgeStore>());
        builder.Services.AddSingleton<KnowledgeBaseIngestor>();
        builder.Services.AddReadinessComponent(Readiness.StartupReadiness.Index, "waiting to index the knowledge base");
        builder.Services.AddHostedService<StartupIndexer>();
        return builder;
    }

    /// <summary>The embedder, the dense and keyword indexes, and the hybrid retriever.</summary>
    public static IHostApplicationBuilder AddRetrieval(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<EmbeddingsOptions>().BindConfiguration(EmbeddingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmbeddingsOptions>, EmbeddingsOptionsValidation>();
        builder.Services.AddResilientClient(ResilientHttpClients.Embeddings, sp => sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value.Resilience);

        // The local encoder is its own singleton, so the container disposes its ONNX Runtime session; it loads only when chosen.
        builder.Services.AddSingleton(sp => EmbeddingGeneratorFactory.LoadLocalEncoder(
            sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value, sp.GetRequiredService<ILoggerFactory>().CreateLogger("SupportAssist.Embeddings")));
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value;
            var embedder = EmbeddingGeneratorFactory.Create(options, sp.GetRequiredService<ArcticEmbedXs>,
                () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(ResilientHttpClients.Embeddings));
            if (!options.Cache || options.Provider == EmbeddingsOptions.Lexical) return embedder;
            var database = sp.GetRequiredService<SqliteDatabase>().Path;
            var path = string.IsNullOrWhiteSpace(options.CachePath)
                ? Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + ".embeddings.db")
                : Path.GetFullPath(options.CachePath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            return new SqliteEmbeddingCache(embedder, path, sp.GetRequiredService<ILogger<SqliteEmbeddingCache>>());
        });
        builder.Services.AddSingleton<SqliteKeywordIndex>();
        builder.Services.AddSingleton<QdrantSearchIndex>();
        builder.Services.AddSingleton<IVectorIndex>(sp => UsesQdrant(sp) ? sp.GetRequiredService<QdrantSearchIndex>() : sp.GetRequiredService<SqliteVectorIndex>());
        builder.Services.AddSingleton<IKeywordIndex>(sp => UsesQdrant(sp) ? sp.GetRequiredService<QdrantSearchIndex>() : sp.GetRequiredService<SqliteKeywordIndex>());
        builder.Services.AddSingleton(sp =>
        {
            var qdrant = sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value is { Provider: VectorStoreOptions.QdrantProvider } store ? store.Qdrant : null;
            return new SearchIndexes(sp.GetRequiredService<IVectorIndex>(), sp.GetRequiredService<IKeywordIndex>())
            {
                Fused = qdrant?.Fusion == QdrantOptions.ServerFusion ? sp.GetRequiredService<QdrantSearchIndex>() : null,
                LocalKeywords = qdrant?.LocalFallback == true ? sp.GetRequiredService<SqliteKeywordIndex>() : null,
            };
        });
        builder.Services.AddSingleton(sp => new HybridRetriever(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<SearchIndexes>(),
            sp.GetRequiredService<IOptions<RetrievalOptions>>(),
            sp.GetRequiredService<ILogger<HybridRetriever>>(),
            sp.GetService<SupportAssistMetrics>(),
            sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>True when <c>SupportAssist:VectorStore:Provider</c> chooses Qdrant.</summary>
    public static bool UsesQdrant(IServiceProvider services) =>
        services.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Provider == VectorStoreOptions.QdrantProvider;

    // The nested Qdrant settings, which data-annotation validation does not reach; checked only when Qdrant is chosen.
    private sealed class VectorStoreOptionsValidation : IValidateOptions<VectorStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, VectorStoreOptions options)
        {
            if (options.Provider != VectorStoreOptions.QdrantProvider) return ValidateOptionsResult.Success;
            var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options.Qdrant, new(options.Qdrant), results, validateAllProperties: true);
            results.AddRange(options.Qdrant.Validate(new(options.Qdrant)));
            var problems = results.Select(r => $"{QdrantOptions.Section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").Distinct().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    // What a remote provider needs, and the nested resilience settings.
    private sealed class EmbeddingsOptionsValidation : IValidateOptions<EmbeddingsOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmbeddingsOptions options)
        {
            var problems = ResilienceValidation.Problems(options.Resilience).Select(p => $"{EmbeddingsOptions.Section}:{p}").ToList();
            if (options.IsRemote && ProviderClients.Problem(EmbeddingsOptions.Section, options.Provider, options.Endpoint, options.ApiKey, options.Model) is { } problem)
                problems.Add(problem);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
