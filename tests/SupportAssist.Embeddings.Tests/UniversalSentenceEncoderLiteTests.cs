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

    private static float[] Diff(float[] a, float[] b)
    {
        var d = new float[a.Length];
        TensorPrimitives.Subtract(a, b, d);
        return d;
    }
}
