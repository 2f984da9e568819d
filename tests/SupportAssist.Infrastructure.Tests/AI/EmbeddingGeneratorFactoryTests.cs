using SupportAssist.Embeddings.Arctic;

namespace SupportAssist.Infrastructure.Tests.AI;

public sealed class EmbeddingGeneratorFactoryTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("supportassist-models-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public void Local_is_arctic_embed_xs_from_the_restored_package_and_loads_only_when_chosen()
    {
        var loaded = 0;
        var embedder = EmbeddingGeneratorFactory.Create(new EmbeddingsOptions { Provider = "local" }, () =>
        {
            loaded++;
            return SharedEncoder.Instance;
        });
        var lexical = EmbeddingGeneratorFactory.Create(new EmbeddingsOptions { Provider = "lexical" }, () => throw new InvalidOperationException("not chosen"));

        Assert.IsType<LocalEmbeddingGenerator>(embedder);
        Assert.IsType<LexicalHashingEmbeddingGenerator>(lexical);
        Assert.Equal(1, loaded);
    }

    [Fact]
    public void The_int8_model_is_built_once_into_the_cache_folder_and_read_from_it_on_the_next_load()
    {
        var options = new EmbeddingsOptions { Provider = "local", Precision = "int8", ModelCachePath = _cache };

        float[] built;
        using (var first = EmbeddingGeneratorFactory.LoadLocalEncoder(options, NullLogger.Instance))
        {
            Assert.Equal(EncoderPrecision.Quantized, first.Precision);
            built = first.Embed("refund status", EmbeddingInput.Query);
        }
        var cached = Assert.Single(Directory.GetFiles(_cache, "*.onnx"));
        var written = File.GetLastWriteTimeUtc(cached);
        using var second = EmbeddingGeneratorFactory.LoadLocalEncoder(options, NullLogger.Instance);

        Assert.Equal(written, File.GetLastWriteTimeUtc(cached));
        Assert.Equal(built, second.Embed("refund status", EmbeddingInput.Query));
    }

    [Fact]
    public void Fp32_the_default_precision_loads_the_published_arithmetic_and_caches_nothing()
    {
        using var encoder = EmbeddingGeneratorFactory.LoadLocalEncoder(new EmbeddingsOptions { ModelCachePath = _cache }, NullLogger.Instance);

        Assert.Equal("snowflake-arctic-embed-xs@fp32", encoder.ModelId);
        Assert.Empty(Directory.GetFiles(_cache));
    }

    [Fact]
    public void Lexical_is_used_when_configured()
    {
        var embedder = EmbeddingGeneratorFactory.Create(new EmbeddingsOptions { Provider = "lexical", Dimensions = 128 }, () => throw new InvalidOperationException("not chosen"));

        Assert.Equal(128, embedder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }
}
