using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAssist.Embeddings.Arctic;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// Builds the configured embedder. <c>local</c> is arctic-embed-xs in-process, its model restored with the
/// NuGet packages (nothing is fetched at run time); <c>lexical</c> needs no model; remote providers
/// (<c>azure-openai</c>, <c>openai</c>, <c>openai-compatible</c>) embed over the resilient embeddings HttpClient.
/// </summary>
public static partial class EmbeddingGeneratorFactory
{
    /// <summary>The embedder for <paramref name="options"/>; <paramref name="localEncoder"/> supplies the local model when it is chosen.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingsOptions options, Func<ArcticEmbedXs> localEncoder, Func<HttpClient>? providerHttp = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(localEncoder);
        if (options.Provider == EmbeddingsOptions.Lexical) return new LexicalHashingEmbeddingGenerator(options.Dimensions);
        if (options.IsRemote)
        {
            // A provider's model over our resilient client; when it is down, retrieval degrades to BM25.
            var http = providerHttp?.Invoke() ?? throw new InvalidOperationException("A remote embedding provider needs an HttpClient.");
            var client = ProviderClients.Create(options.Provider, options.Endpoint, options.ApiKey, http);
            return new RemoteEmbeddingGenerator(client.GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(options.ModelDimensions), $"{options.Provider}:{options.Model}");
        }
        return new LocalEmbeddingGenerator(localEncoder());
    }

    /// <summary>Loads the local encoder as <paramref name="options"/> say (precision, threads, the int8 model's cache folder).</summary>
    public static ArcticEmbedXs LoadLocalEncoder(EmbeddingsOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        var encoder = ArcticEmbedXs.Load(new EncoderOptions
        {
            Precision = options.Precision == EmbeddingsOptions.FullPrecision ? EncoderPrecision.FullPrecision : EncoderPrecision.Quantized,
            IntraOpThreads = options.IntraOpThreads,
            CacheFolder = string.IsNullOrWhiteSpace(options.ModelCachePath) ? DefaultCacheFolder() : options.ModelCachePath,
        });
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogLoaded(logger, encoder.ModelId, elapsedMs);
        return encoder;
    }

    /// <summary><c>$XDG_CACHE_HOME/supportassist/models</c>, else <c>~/.cache/supportassist/models</c> (local app data on Windows).</summary>
    public static string DefaultCacheFolder()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            cache = OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }
        return Path.Combine(cache, "supportassist", "models");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the local embedding model {ModelId} in {ElapsedMs:F0} ms")]
    private static partial void LogLoaded(ILogger logger, string modelId, double elapsedMs);
}
