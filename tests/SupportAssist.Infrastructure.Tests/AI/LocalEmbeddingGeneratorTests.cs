using System.Numerics.Tensors;
using SupportAssist.Embeddings.Arctic;

namespace SupportAssist.Infrastructure.Tests.AI;

public sealed class LocalEmbeddingGeneratorTests
{
    [Fact]
    public async Task A_large_batch_spread_over_the_cores_keeps_every_text_in_its_place()
    {
        using var generator = SharedEncoder.Generator();
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
            Assert.Equal(SharedEncoder.Instance.Embed(texts[i], EmbeddingInput.Passage), embeddings[i].Vector.ToArray());
            Assert.Equal("snowflake-arctic-embed-xs@fp32", embeddings[i].ModelId);
        }
    }

    [Fact]
    public async Task Texts_marked_as_queries_are_embedded_with_the_query_instruction()
    {
        using var generator = SharedEncoder.Generator();
        const string question = "why was my card declined";

        var query = await generator.GenerateQueryAsync(question, CancellationToken.None);
        var passage = await generator.GenerateAsync(question);

        Assert.Equal(SharedEncoder.Instance.Embed(question, EmbeddingInput.Query), query.Vector.ToArray());
        Assert.Equal(SharedEncoder.Instance.Embed(question, EmbeddingInput.Passage), passage.Vector.ToArray());
        Assert.NotEqual(query.Vector.ToArray(), passage.Vector.ToArray());
    }

    [Fact]
    public async Task A_question_is_closer_to_the_passage_that_answers_it_than_to_an_unrelated_one()
    {
        using var generator = SharedEncoder.Generator();

        var question = await generator.GenerateQueryAsync("how do I get my money back", CancellationToken.None);
        var passages = await generator.GenerateAsync(["Refunds go back to the original payment method within five to ten business days.", "Webhook endpoints must answer with a 2xx status within ten seconds."]);

        var related = TensorPrimitives.CosineSimilarity(question.Vector.Span, passages[0].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(question.Vector.Span, passages[1].Vector.Span);
        Assert.True(related > unrelated + 0.05f, $"related {related:F3}, unrelated {unrelated:F3}");
    }

    [Fact]
    public void The_metadata_names_the_local_model_and_its_dimensions()
    {
        using var generator = SharedEncoder.Generator();

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal(("local", "snowflake-arctic-embed-xs@fp32", 384), (metadata.ProviderName, metadata.DefaultModelId, metadata.DefaultModelDimensions));
    }
}
