using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure;

/// <summary>Registrations for Qdrant as the vector store (<c>SupportAssist:VectorStore:Provider = qdrant</c>).</summary>
public static class QdrantRegistration
{
    /// <summary>The HttpClient under the Qdrant gRPC channel: API key, and its own resilience pipeline.</summary>
    public const string HttpClientName = "supportassist-qdrant";

    /// <summary>
    /// The official client on a gRPC channel over the resilient HttpClient, the collections behind the alias, the store
    /// (with its local SQLite copy when configured) and its health check; resolved only when the provider is Qdrant.
    /// </summary>
    public static IHostApplicationBuilder AddQdrantStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddResilientClient(HttpClientName, sp => sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Qdrant.Resilience, GrpcTransientStatus.In)
            .ConfigureHttpClient((sp, client) =>
            {
                // gRPC metadata travels as HTTP/2 headers: the key reaches Qdrant as its api-key metadata.
                var options = sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Qdrant;
                if (!string.IsNullOrEmpty(options.ApiKey)) client.DefaultRequestHeaders.Add("api-key", options.ApiKey);
            });
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Qdrant;
            // The channel sends through the factory's HttpClient, so its resilience handler is the only retry layer
            // (the channel has no retry policy); a caller's cancellation surfaces as OperationCanceledException.
            var channel = GrpcChannel.ForAddress(options.Endpoint, new GrpcChannelOptions
            {
                HttpClient = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                DisposeHttpClient = true,
                ThrowOperationCanceledOnCancellation = true,
            });
            return new QdrantClient(new QdrantGrpcClient(channel));
        });
        builder.Services.AddSingleton(sp => new QdrantGateway(sp.GetRequiredService<QdrantClient>()));
        builder.Services.AddSingleton<QdrantCollections>();
        builder.Services.AddSingleton<QdrantHealthCheck>();
        builder.Services.AddSingleton(sp => new QdrantKnowledgeStore(
            sp.GetRequiredService<QdrantGateway>(),
            sp.GetRequiredService<QdrantCollections>(),
            sp.GetRequiredService<IOptions<VectorStoreOptions>>(),
            sp.GetRequiredService<IOptions<RetrievalOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Qdrant.LocalFallback ? sp.GetRequiredService<SqliteKnowledgeStore>() : null));
        return builder;
    }
}
