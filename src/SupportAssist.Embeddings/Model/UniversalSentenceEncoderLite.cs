using System.Collections.Concurrent;
using System.Numerics.Tensors;
using SupportAssist.Embeddings.Tokenization;

namespace SupportAssist.Embeddings.Model;

/// <summary>
/// Universal Sentence Encoder Lite in C#: SentencePiece ids, token embeddings plus a sinusoidal timing
/// signal, two transformer layers (256-d then 512-d, 4 heads, pre-norm, ReLU feed-forward), mean pooling,
/// a tanh layer and L2 normalisation, as the TF.js graph computes them. Thread-safe: each call borrows a
/// scratch workspace, so the forward pass allocates nothing but its result.
/// </summary>
public sealed class UniversalSentenceEncoderLite
{
    /// <summary>Dimensions of an embedding.</summary>
    public const int Dimensions = 512;

    /// <summary>Tokens read per text; the model ignores the rest (its graph clips positions at 128).</summary>
    public const int MaxTokens = 128;

    private const int EmbeddingDimensions = 256;
    private const int Heads = 4;
    private const int FeedForward = 1536;
    private const float LayerNormEpsilon = 1e-6f;
    private const string Kona = "module_apply_default/Encoder_en/KonaTransformer/Encode/";
    private const string KonaVariables = "module/Encoder_en/KonaTransformer/Encode/";

    private readonly SentencePieceTokenizer _tokenizer;
    private readonly float[] _tokenEmbeddings;
    private readonly float[] _inverseTimescales;
    private readonly Layer _layer0;
    private readonly Layer _layer1;
    private readonly float[] _residualKernel;
    private readonly float[] _residualBias;
    private readonly float[] _outputKernel;
    private readonly float[] _outputBias;
    private readonly ConcurrentBag<Workspace> _workspaces = [];

    private UniversalSentenceEncoderLite(SentencePieceTokenizer tokenizer, TfjsWeights weights)
    {
        _tokenizer = tokenizer;
        _tokenEmbeddings = weights.Get("module/Embeddings_en", 8002 * EmbeddingDimensions);
        _inverseTimescales = weights.Get(Kona + "TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", EmbeddingDimensions / 2);
        _residualKernel = weights.Get(Kona + "Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat", EmbeddingDimensions * Dimensions);
        _residualBias = weights.Get(Kona + "Layer_0/TransformerLayer/dense/bias/ConcatPartitions/concat", Dimensions);
        _layer0 = Layer.Read(weights, 0, EmbeddingDimensions);
        _layer1 = Layer.Read(weights, 1, Dimensions);
        _outputKernel = weights.Get("module/Encoder_en/hidden_layers/tanh_layer_0/weights", Dimensions * Dimensions);
        _outputBias = weights.Get("module/Encoder_en/hidden_layers/tanh_layer_0/bias", Dimensions);
    }

    /// <summary>The tokenizer the model was trained with.</summary>
    public SentencePieceTokenizer Tokenizer => _tokenizer;

    /// <summary>Loads the model from a folder holding <c>model.json</c>, its weight shards and <c>vocab.json</c>.</summary>
    public static UniversalSentenceEncoderLite Load(string folder)
    {
        using var vocabulary = File.OpenRead(Path.Combine(folder, "vocab.json"));
        return new UniversalSentenceEncoderLite(SentencePieceTokenizer.FromJson(vocabulary), TfjsWeights.Load(folder));
    }

    /// <summary>The unit-length embedding of <paramref name="text"/>; only its first <see cref="MaxTokens"/> tokens count.</summary>
    public float[] Embed(string text)
    {
        var result = new float[Dimensions];
        Embed(text, result);
        return result;
    }

    /// <summary>Writes the embedding of <paramref name="text"/> into <paramref name="destination"/> (512 floats).</summary>
    public void Embed(string text, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Dimensions);
        var ids = _tokenizer.Encode(text);
        var length = Math.Min(ids.Length, MaxTokens);
        if (!_workspaces.TryTake(out var work)) work = new Workspace();
        try
        {
            Forward(ids.AsSpan(0, length), work, destination[..Dimensions]);
        }
        finally
        {
            _workspaces.Add(work);
        }
    }

    private void Forward(ReadOnlySpan<int> ids, Workspace work, Span<float> output)
    {
        var length = ids.Length;
        var x = work.Input.AsSpan(0, length * EmbeddingDimensions);
        var half = EmbeddingDimensions / 2;
        for (var t = 0; t < length; t++)
        {
            // The graph adds the token embedding twice: once scattered alone, once with the timing signal.
            var row = x.Slice(t * EmbeddingDimensions, EmbeddingDimensions);
            TensorPrimitives.Multiply(_tokenEmbeddings.AsSpan(ids[t] * EmbeddingDimensions, EmbeddingDimensions), 2f, row);
            for (var i = 0; i < half; i++)
            {
                var angle = t * _inverseTimescales[i];
                row[i] += MathF.Sin(angle);
                row[half + i] += MathF.Cos(angle);
            }
        }

        // Layer 0 widens 256 -> 512: its residual path is a dense projection of its input.
        var hidden = work.Hidden.AsSpan(0, length * Dimensions);
        MatMul(x, _residualKernel, _residualBias, length, EmbeddingDimensions, Dimensions, hidden);
        _layer0.Apply(x, hidden, length, work);
        _layer1.Apply(hidden, hidden, length, work);

        // Mean over tokens (at least one, as the graph divides by max(length, 1)), tanh layer, L2 normalisation.
        var pooled = work.Pooled.AsSpan();
        pooled.Clear();
        for (var t = 0; t < length; t++) TensorPrimitives.Add(pooled, hidden.Slice(t * Dimensions, Dimensions), pooled);
        TensorPrimitives.Divide(pooled, Math.Max(length, 1), pooled);
        MatMul(pooled, _outputKernel, _outputBias, 1, Dimensions, Dimensions, output);
        TensorPrimitives.Tanh(output, output);
        var squares = TensorPrimitives.SumOfSquares(output);
        TensorPrimitives.Multiply(output, 1f / MathF.Sqrt(Math.Max(squares, 1e-12f)), output);
    }

    // output[rows x columns] = input[rows x inner] * kernel[inner x columns] + bias. Kernel rows are the outer
    // loop so each weight is read once per call (the weights, ~19 MB, dominate memory traffic), and one
    // kernel row stays in L1 while it updates every token's output row.
    private static void MatMul(ReadOnlySpan<float> input, float[] kernel, float[] bias, int rows, int inner, int columns, Span<float> output)
    {
        for (var r = 0; r < rows; r++) bias.AsSpan(0, columns).CopyTo(output.Slice(r * columns, columns));
        for (var k = 0; k < inner; k++)
        {
            var weights = kernel.AsSpan(k * columns, columns);
            for (var r = 0; r < rows; r++)
            {
                var value = input[r * inner + k];
                if (value != 0)
                {
                    var outRow = output.Slice(r * columns, columns);
                    TensorPrimitives.MultiplyAdd(weights, value, outRow, outRow);
                }
            }
        }
    }

    private static void LayerNorm(ReadOnlySpan<float> input, float[] scale, float[] bias, int rows, int width, Span<float> output)
    {
        for (var r = 0; r < rows; r++)
        {
            var inRow = input.Slice(r * width, width);
            var outRow = output.Slice(r * width, width);
            var mean = TensorPrimitives.Sum(inRow) / width;
            TensorPrimitives.Subtract(inRow, mean, outRow);
            var variance = TensorPrimitives.SumOfSquares(outRow) / width;
            var inverse = 1f / MathF.Sqrt(variance + LayerNormEpsilon);
            TensorPrimitives.Multiply(outRow, inverse, outRow);
            TensorPrimitives.MultiplyAdd(outRow, scale, bias, outRow);
        }
    }

    /// <summary>One pre-norm transformer layer: x + Attention(LN(x)), then + FFN(LN(.)).</summary>
    private sealed class Layer
    {
        private float[] _attentionNormScale = [];
        private float[] _attentionNormBias = [];
        private float[] _qkvKernel = [];
        private float[] _qkvBias = [];
        private float[] _projectionKernel = [];
        private float[] _projectionBias = [];
        private float[] _ffnNormScale = [];
        private float[] _ffnNormBias = [];
        private float[] _ffn1Kernel = [];
        private float[] _ffn1Bias = [];
        private float[] _ffn2Kernel = [];
        private float[] _ffn2Bias = [];
        private int _width;
        private float _scale;

        public static Layer Read(TfjsWeights weights, int index, int width)
        {
            var vars = $"{Kona}Layer_{index}/TransformerLayer/";
            var stack = $"{Kona}TransformerStack/Layer_{index}/TransformerLayer/";
            var kernels = $"{KonaVariables}Layer_{index}/TransformerLayer/MultiheadAttention/";
            return new Layer
            {
                _width = width,
                _scale = 1f / MathF.Sqrt(width / Heads),
                _attentionNormScale = weights.Get(vars + "layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat", width),
                _attentionNormBias = weights.Get(vars + "layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat", width),
                _qkvKernel = weights.Get(kernels + "qkv_transform_single/kernel/part_0", width * 3 * width),
                _qkvBias = weights.Get(vars + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat", 3 * width),
                _projectionKernel = weights.Get(kernels + "output_transform_single/kernel/part_0", width * Dimensions),
                _projectionBias = weights.Get(vars + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat", Dimensions),
                _ffnNormScale = weights.Get(vars + "FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat", Dimensions),
                _ffnNormBias = weights.Get(vars + "FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat", Dimensions),
                _ffn1Kernel = weights.Get(stack + "FFN/conv1/Tensordot/Reshape_1", Dimensions * FeedForward),
                _ffn1Bias = weights.Get(vars + "FFN/conv1/bias/ConcatPartitions/concat", FeedForward),
                _ffn2Kernel = weights.Get(stack + "FFN/conv2/Tensordot/Reshape_1", FeedForward * Dimensions),
                _ffn2Bias = weights.Get(vars + "FFN/conv2/bias/ConcatPartitions/concat", Dimensions),
            };
        }

        /// <summary>Reads <paramref name="input"/> (length x width); adds the layer's output to <paramref name="residual"/> (length x 512).</summary>
        public void Apply(ReadOnlySpan<float> input, Span<float> residual, int length, Workspace work)
        {
            var width = _width;
            var headWidth = width / Heads;
            var normed = work.Normed.AsSpan(0, length * width);
            LayerNorm(input, _attentionNormScale, _attentionNormBias, length, width, normed);
            var qkv = work.Qkv.AsSpan(0, length * 3 * width);
            MatMul(normed, _qkvKernel, _qkvBias, length, width, 3 * width, qkv);

            var context = work.Context.AsSpan(0, length * width);
            var scores = work.Scores.AsSpan(0, length);
            for (var h = 0; h < Heads; h++)
            {
                for (var i = 0; i < length; i++)
                {
                    var query = qkv.Slice(i * 3 * width + h * headWidth, headWidth);
                    for (var j = 0; j < length; j++)
                        scores[j] = TensorPrimitives.Dot(query, qkv.Slice(j * 3 * width + width + h * headWidth, headWidth)) * _scale;
                    TensorPrimitives.SoftMax(scores, scores);
                    var target = context.Slice(i * width + h * headWidth, headWidth);
                    target.Clear();
                    for (var j = 0; j < length; j++)
                        TensorPrimitives.MultiplyAdd(qkv.Slice(j * 3 * width + 2 * width + h * headWidth, headWidth), scores[j], target, target);
                }
            }

            var projected = work.Projected.AsSpan(0, length * Dimensions);
            MatMul(context, _projectionKernel, _projectionBias, length, width, Dimensions, projected);
            TensorPrimitives.Add(residual, projected, residual);

            var ffnInput = work.Normed.AsSpan(0, length * Dimensions);
            LayerNorm(residual, _ffnNormScale, _ffnNormBias, length, Dimensions, ffnInput);
            var inner = work.FeedForward.AsSpan(0, length * FeedForward);
            MatMul(ffnInput, _ffn1Kernel, _ffn1Bias, length, Dimensions, FeedForward, inner);
            TensorPrimitives.Max(inner, 0f, inner);
            MatMul(inner, _ffn2Kernel, _ffn2Bias, length, FeedForward, Dimensions, projected);
            TensorPrimitives.Add(residual, projected, residual);
        }
    }

    /// <summary>Scratch buffers sized for the longest input, reused across calls by one thread at a time.</summary>
    private sealed class Workspace
    {
        public float[] Input { get; } = new float[MaxTokens * EmbeddingDimensions];
        public float[] Hidden { get; } = new float[MaxTokens * Dimensions];
        public float[] Normed { get; } = new float[MaxTokens * Dimensions];
        public float[] Qkv { get; } = new float[MaxTokens * 3 * Dimensions];
        public float[] Context { get; } = new float[MaxTokens * Dimensions];
        public float[] Projected { get; } = new float[MaxTokens * Dimensions];
        public float[] FeedForward { get; } = new float[MaxTokens * UniversalSentenceEncoderLite.FeedForward];
        public float[] Scores { get; } = new float[MaxTokens];
        public float[] Pooled { get; } = new float[Dimensions];
    }
}
