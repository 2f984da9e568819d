using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure;

/// <summary>Registrations for Qdrant as the vector store (<c>SupportAssist:VectorStore:Provider = qdrant</c>).</summary>
public static class QdrantRegistration
{
    /// <summary>The Qdrant HttpClient's name: base address, API key, and its own resilience pipeline.</summary>
    public const string HttpClientName = "supportassist-qdrant";

    /// <summary>
    /// The typed client, the collections behind the alias, the store (with its local SQLite copy when configured)
    /// and its health check; resolved only when the provider is Qdrant.
    /// </summary>
    public static IHostApplicationBuilder AddQdrantStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddResilientClient(HttpClientName, sp => sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Qdrant.Resilience)
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Qdrant;
                client.BaseAddress = new Uri(options.Endpoint.ToString().TrimEnd('/') + "/");
                if (!string.IsNullOrEmpty(options.ApiKey)) client.DefaultRequestHeaders.Add("api-key", options.ApiKey);
            });
        builder.Services.AddSingleton(sp => new QdrantClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        builder.Services.AddSingleton<QdrantCollections>();
        builder.Services.AddSingleton<QdrantHealthCheck>();
        builder.Services.AddSingleton(sp => new QdrantKnowledgeStore(
            sp.GetRequiredService<QdrantClient>(),
            sp.GetRequiredService<QdrantCollections>(),
            sp.GetRequiredService<IOptions<VectorStoreOptions>>(),
            sp.GetRequiredService<IOptions<RetrievalOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Qdrant.LocalFallback ? sp.GetRequiredService<SqliteKnowledgeStore>() : null));
        return builder;
    }
}
