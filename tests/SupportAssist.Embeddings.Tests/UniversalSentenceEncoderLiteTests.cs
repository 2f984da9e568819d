using System.Numerics.Tensors;
using System.Text.Json;
using SupportAssist.Embeddings.Model;

namespace SupportAssist.Embeddings.Tests;

public sealed class UniversalSentenceEncoderLiteTests
{
    private static readonly Lazy<UniversalSentenceEncoderLite> Encoder = new(() => UniversalSentenceEncoderLite.Load(UseLiteModel.Path));
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Case(string Input, float[] Vector);

    private static List<Case> Fixture() =>
        JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "embedding-fixture.json")), Json)!;

    [Fact]
    public void The_fixture_holds_at_least_200_reference_embeddings()
    {
        var cases = Fixture();

        Assert.True(cases.Count >= 200, $"{cases.Count} cases");
        Assert.All(cases, c => Assert.Equal(512, c.Vector.Length));
    }

    [ModelFact]
    public void Embeddings_equal_the_reference_for_every_fixture_sentence()
    {
        var failures = new List<string>();
        var worstCosine = 1.0;
        var worstDifference = 0.0;
        foreach (var (input, expected) in Fixture())
        {
            var actual = Encoder.Value.Embed(input);
            var cosine = TensorPrimitives.CosineSimilarity(actual, expected);
            var difference = Math.Abs(TensorPrimitives.MaxMagnitude(Diff(actual, expected)));
            worstCosine = Math.Min(worstCosine, cosine);
            worstDifference = Math.Max(worstDifference, difference);
            if (cosine < 0.9999 || difference > 1e-4) failures.Add($"{JsonSerializer.Serialize(input)}: cosine {cosine:F6}, max |diff| {difference:E2}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} sentences off (worst cosine {worstCosine:F6}, worst diff {worstDifference:E2}):\n{string.Join('\n', failures.Take(10))}");
    }

    /// <summary>
    /// The kernel this CPU does not pick is tested here too: every matrix-product kernel gives the reference's
    /// embeddings, in one packed batch (more than one pack, rows in blocks of four and leftover rows).
    /// </summary>
    [ModelTheory]
    [InlineData(DenseKernel.Vector512)]
    [InlineData(DenseKernel.Vector256)]
    [InlineData(DenseKernel.Portable)]
    internal void Every_kernel_equals_the_reference(DenseKernel kernel)
    {
        var encoder = UniversalSentenceEncoderLite.Load(UseLiteModel.Path, kernel);
        var cases = Fixture();
        var batch = new float[cases.Count * UniversalSentenceEncoderLite.Dimensions];

        encoder.EmbedBatch(cases.Select(c => c.Input).ToArray(), batch);

        var worst = cases.Select((c, i) => Math.Abs(TensorPrimitives.MaxMagnitude(Diff(batch.AsSpan(i * 512, 512).ToArray(), c.Vector)))).Max();
        Assert.True(worst <= 1e-4, $"{kernel}: max |diff| {worst:E2}");
        var alone = encoder.Embed(cases[0].Input);
        Assert.True(Math.Abs(TensorPrimitives.MaxMagnitude(Diff(alone, cases[0].Vector))) <= 1e-4, $"{kernel}: one text alone");
    }

    [ModelFact]
    public void A_packed_batch_gives_every_text_the_embedding_it_gets_alone_and_equals_the_reference()
    {
        var cases = Fixture();
        var inputs = cases.Select(c => c.Input).ToArray();
        var batch = new float[inputs.Length * UniversalSentenceEncoderLite.Dimensions];

        Encoder.Value.EmbedBatch(inputs, batch);

        var worstAlone = 0.0;
        var worstReference = 0.0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var vector = batch.AsSpan(i * 512, 512).ToArray();
            worstAlone = Math.Max(worstAlone, Math.Abs(TensorPrimitives.MaxMagnitude(Diff(vector, Encoder.Value.Embed(inputs[i])))));
            worstReference = Math.Max(worstReference, Math.Abs(TensorPrimitives.MaxMagnitude(Diff(vector, cases[i].Vector))));
        }
        // More than one pack: the fixture holds more than PackTokens tokens.
        Assert.True(inputs.Sum(t => Math.Min(Encoder.Value.Tokenizer.Encode(t).Length, 128)) > UniversalSentenceEncoderLite.PackTokens);
        Assert.True(worstAlone <= 1e-5, $"batch vs alone: max |diff| {worstAlone:E2}");
        Assert.True(worstReference <= 1e-4, $"batch vs reference: max |diff| {worstReference:E2}");
    }

    [ModelFact]
    public void Only_the_first_128_tokens_count()
    {
        var first128 = string.Join(' ', Enumerable.Repeat("card", 128));
        var longer = first128 + " refund dispute payout chargeback webhook";
        var shorter = string.Join(' ', Enumerable.Repeat("card", 127)) + " refund";
        Assert.Equal(128, Encoder.Value.Tokenizer.Encode(first128).Length);
        Assert.True(Encoder.Value.Tokenizer.Encode(longer).Length > 128);

        var clipped = Encoder.Value.Embed(first128);

        Assert.Equal(clipped, Encoder.Value.Embed(longer));
        Assert.True(TensorPrimitives.CosineSimilarity(clipped, Encoder.Value.Embed(shorter)) < 0.99999f, "the 128th token must still count");
    }

    [ModelFact]
    public void Embedding_into_a_buffer_allocates_nothing_once_warm()
    {
        var destination = new float[UniversalSentenceEncoderLite.Dimensions];
        var texts = new[] { "why was my card declined", "Refunds take five to ten business days to appear.", string.Join(' ', Enumerable.Repeat("payout", 300)) };
        foreach (var text in texts) Encoder.Value.Embed(text, destination);

        foreach (var text in texts)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Encoder.Value.Embed(text, destination);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [ModelFact]
    public async Task Concurrent_calls_give_the_results_of_sequential_calls()
    {
        var inputs = Fixture().Select(c => c.Input).Take(40).ToArray();
        var expected = inputs.Select(Encoder.Value.Embed).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var mismatches = 0;
            for (var round = 0; round < 5; round++)
                for (var n = 0; n < inputs.Length; n++)
                {
                    var i = (worker * 7 + n) % inputs.Length;
                    if (!Encoder.Value.Embed(inputs[i]).AsSpan().SequenceEqual(expected[i])) mismatches++;
                }
            return mismatches;
        })));

        Assert.All(results, mismatches => Assert.Equal(0, mismatches));
    }

    private static float[] Diff(float[] a, float[] b)
    {
        var d = new float[a.Length];
        TensorPrimitives.Subtract(a, b, d);
        return d;
    }
}
