using Microsoft.ML.OnnxRuntime;
using SupportAssist.Embeddings.Arctic;

namespace SupportAssist.Embeddings.Tests;

/// <summary>The encoders under test, loaded once per test run, and the card's recipe run on the published graph.</summary>
internal static class Encoders
{
    private static readonly Lazy<ArcticEmbedXs> QuantizedEncoder = new(() => ArcticEmbedXs.Load(new EncoderOptions { Precision = EncoderPrecision.Quantized }));
    private static readonly Lazy<ArcticEmbedXs> FullPrecisionEncoder = new(() => ArcticEmbedXs.Load(new EncoderOptions { Precision = EncoderPrecision.FullPrecision }));
    private static readonly Lazy<InferenceSession> Published = new(() => new InferenceSession(ArcticModelFile.ReadFloat32Model()));
    private static readonly Lazy<ReferenceTokenizer> Tokenizer = new(() =>
    {
        using var reader = new StreamReader(ArcticModelFile.OpenVocabulary());
        return new ReferenceTokenizer(reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')));
    });

    public static ArcticEmbedXs Quantized => QuantizedEncoder.Value;

    public static ArcticEmbedXs FullPrecision => FullPrecisionEncoder.Value;

    public static ReferenceTokenizer Reference => Tokenizer.Value;

    /// <summary>
    /// The model card's recipe, step by step: the reference tokenizer's ids into the published float32 graph,
    /// unmodified, the first row of its last hidden state, L2-normalised.
    /// </summary>
    public static float[] CardRecipe(string text, EmbeddingInput input = EmbeddingInput.Passage) =>
        Run(Reference.Encode(input == EmbeddingInput.Query ? ArcticEmbedXs.QueryPrefix + text : text));

    /// <summary>The published graph on given token ids; the [CLS] row, L2-normalised.</summary>
    public static float[] Run(long[] ids)
    {
        var shape = new long[] { 1, ids.Length };
        using var inputs = new DisposableList([
            OrtValue.CreateTensorValueFromMemory(ids, shape),
            OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape),
            OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape)]);
        using var runOptions = new RunOptions();
        using var outputs = Published.Value.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], inputs.Values, ["last_hidden_state"]);
        var cls = outputs[0].GetTensorDataAsSpan<float>()[..ArcticEmbedXs.Dimensions].ToArray();
        var norm = MathF.Sqrt(cls.Sum(x => x * x));
        return cls.Select(x => x / norm).ToArray();
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    private sealed class DisposableList(OrtValue[] values) : IDisposable
    {
        public IReadOnlyCollection<OrtValue> Values => values;

        public void Dispose()
        {
            foreach (var value in values) value.Dispose();
        }
    }
}
