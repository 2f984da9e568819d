using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using SupportAssist.Embeddings.Model;
using SupportAssist.Embeddings.Tests;
using SupportAssist.Infrastructure.AI;

namespace SupportAssist.Infrastructure.Tests.AI;

public sealed class LocalSentenceEncoderGeneratorTests
{
    private static readonly Lazy<UniversalSentenceEncoderLite> Encoder = new(() => UniversalSentenceEncoderLite.Load(UseLiteModel.Path));

    [ModelFact]
    public async Task A_large_batch_spread_over_the_cores_keeps_every_text_in_its_place()
    {
        using var generator = new LocalSentenceEncoderGenerator(Encoder.Value);
        var texts = Enumerable.Range(0, 150)
            .Select(i => (i % 3) switch
            {
                0 => $"refund number {i} has not arrived yet",
                1 => $"how do I rotate API key {i}",
                _ => i % 2 == 0 ? "" : string.Join(' ', Enumerable.Repeat($"payout {i}", 90)),
            })
            .ToArray();

        var embeddings = await generator.GenerateAsync(texts);

        Assert.Equal(texts.Length, embeddings.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = Encoder.Value.Embed(texts[i]);
            Assert.True(TensorPrimitives.CosineSimilarity(embeddings[i].Vector.Span, alone) > 0.99999f, $"text {i} is not in its place");
            Assert.Equal(LocalSentenceEncoderGenerator.ModelId, embeddings[i].ModelId);
        }
    }

    [ModelFact]
    public async Task Related_questions_are_closer_than_unrelated_ones()
    {
        using var generator = new LocalSentenceEncoderGenerator(Encoder.Value);

        var vectors = await generator.GenerateAsync(["how do I get my money back", "I want a refund for my order", "my webhook endpoint returns 500"]);

        var related = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[2].Vector.Span);
        Assert.True(related > unrelated + 0.1f, $"related {related:F3}, unrelated {unrelated:F3}");
    }
}
