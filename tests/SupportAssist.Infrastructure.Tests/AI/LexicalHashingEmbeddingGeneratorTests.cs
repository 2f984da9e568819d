using System.Numerics.Tensors;

namespace SupportAssist.Infrastructure.Tests.AI;

public sealed class LexicalHashingEmbeddingGeneratorTests
{
    private readonly LexicalHashingEmbeddingGenerator _embedder = new(384);

    [Fact]
    public async Task Vectors_are_deterministic_unit_length_and_of_the_configured_size()
    {
        var first = (await _embedder.GenerateAsync("Why was my card declined?")).Vector.ToArray();
        var second = (await new LexicalHashingEmbeddingGenerator(384).GenerateAsync("Why was my card declined?")).Vector.ToArray();

        Assert.Equal(384, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(1f, TensorPrimitives.Norm(first), 4);
    }

    [Fact]
    public async Task Shared_words_and_spellings_score_higher_than_unrelated_text()
    {
        var query = (await _embedder.GenerateAsync("card payment declined")).Vector;
        var typo = (await _embedder.GenerateAsync("my card paymnet was declinded")).Vector;
        var unrelated = (await _embedder.GenerateAsync("download tax forms for last year")).Vector;

        Assert.True(TensorPrimitives.CosineSimilarity(query.Span, typo.Span) > TensorPrimitives.CosineSimilarity(query.Span, unrelated.Span) + 0.2f);
    }

    [Fact]
    public void Metadata_names_it_lexical()
    {
        var metadata = _embedder.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(("lexical", LexicalHashingEmbeddingGenerator.ModelId, 384), (metadata!.ProviderName, metadata.DefaultModelId, metadata.DefaultModelDimensions));
    }
}
