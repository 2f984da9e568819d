using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>Tokens (and texts) a batch packs into one forward pass.</summary>
    public const int PackTokens = 256;

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
    private readonly Dense _residual;
    private readonly Dense _output;
    private readonly ConcurrentBag<Workspace> _workspaces = [];

    private UniversalSentenceEncoderLite(SentencePieceTokenizer tokenizer, TfjsWeights weights, DenseKernel kernel)
    {
        _tokenizer = tokenizer;
        _tokenEmbeddings = weights.Get("module/Embeddings_en", 8002 * EmbeddingDimensions);
        _inverseTimescales = weights.Get(Kona + "TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", EmbeddingDimensions / 2);
        _residual = new Dense(
            weights.Get(Kona + "Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat", EmbeddingDimensions * Dimensions),
            weights.Get(Kona + "Layer_0/TransformerLayer/dense/bias/ConcatPartitions/concat", Dimensions),
            EmbeddingDimensions, Dimensions, kernel);
        _layer0 = Layer.Read(weights, 0, EmbeddingDimensions, kernel);
        _layer1 = Layer.Read(weights, 1, Dimensions, kernel);
        _output = new Dense(
            weights.Get("module/Encoder_en/hidden_layers/tanh_layer_0/weights", Dimensions * Dimensions),
            weights.Get("module/Encoder_en/hidden_layers/tanh_layer_0/bias", Dimensions),
            Dimensions, Dimensions, kernel);
    }

    /// <summary>The tokenizer the model was trained with.</summary>
    public SentencePieceTokenizer Tokenizer => _tokenizer;

    /// <summary>Loads the model from a folder holding <c>model.json</c>, its weight shards and <c>vocab.json</c>.</summary>
    public static UniversalSentenceEncoderLite Load(string folder) => Load(folder, BestKernel);

    /// <summary>Loads the model with a chosen matrix-product kernel (tests run every kernel against the reference).</summary>
    internal static UniversalSentenceEncoderLite Load(string folder, DenseKernel kernel)
    {
        using var vocabulary = File.OpenRead(Path.Combine(folder, "vocab.json"));
        return new UniversalSentenceEncoderLite(SentencePieceTokenizer.FromJson(vocabulary), TfjsWeights.Load(folder), kernel);
    }

    /// <summary>The widest kernel this CPU runs in hardware.</summary>
    internal static DenseKernel BestKernel =>
        Vector512.IsHardwareAccelerated ? DenseKernel.Vector512
        : Vector256.IsHardwareAccelerated ? DenseKernel.Vector256
        : DenseKernel.Portable;

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
        ArgumentNullException.ThrowIfNull(text);
        var work = Rent();
        try
        {
            var length = Math.Min(_tokenizer.Encode(text, work.Ids.AsSpan(0, MaxTokens)), MaxTokens);
            Span<Segment> segments = [new Segment(0, length)];
            Forward(work.Ids.AsSpan(0, length), segments, work, destination[..Dimensions]);
        }
        finally
        {
            _workspaces.Add(work);
        }
    }

    /// <summary>
    /// Writes the embeddings of <paramref name="texts"/> into <paramref name="destination"/> (512 floats per text,
    /// in order). Texts are packed together up to <see cref="PackTokens"/> tokens, so every matrix product reads
    /// the weights once for the whole pack; attention and pooling stay within each text, so a text's embedding
    /// is the one <see cref="Embed(string)"/> gives. Runs on the calling thread; callers spread batches over cores.
    /// </summary>
    public void EmbedBatch(IReadOnlyList<string> texts, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, texts.Count * Dimensions);
        var work = Rent();
        try
        {
            var packed = work.Ids;
            var segments = work.Segments;
            int tokens = 0, count = 0, first = 0;
            var text = work.Text;
            for (var i = 0; i <= texts.Count; i++)
            {
                var length = 0;
                if (i < texts.Count)
                {
                    ArgumentNullException.ThrowIfNull(texts[i]);
                    length = Math.Min(_tokenizer.Encode(texts[i], text), MaxTokens);
                    if (tokens + length <= PackTokens && count < PackTokens)
                    {
                        text.AsSpan(0, length).CopyTo(packed.AsSpan(tokens));
                        segments[count++] = new Segment(tokens, length);
                        tokens += length;
                        continue;
                    }
                }
                if (count > 0)
                {
                    Forward(packed.AsSpan(0, tokens), segments.AsSpan(0, count), work, destination.Slice(first * Dimensions, count * Dimensions));
                    first += count;
                }
                if (i < texts.Count)
                {
                    text.AsSpan(0, length).CopyTo(packed);
                    segments[0] = new Segment(0, length);
                    tokens = length;
                    count = 1;
                }
            }
        }
        finally
        {
            _workspaces.Add(work);
        }
    }

    private Workspace Rent() => _workspaces.TryTake(out var work) ? work : new Workspace();

    // The numeric methods are marked AggressiveOptimization: compiled fully optimised on first use rather than
    // going through the tiers, so the first requests after start-up are as fast as the rest.
    // Forward pass over a pack of texts: ids holds their tokens one after the other, segments says where each
    // text starts and how long it is; output receives one 512-float row per segment.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<int> ids, ReadOnlySpan<Segment> segments, Workspace work, Span<float> output)
    {
        var rows = ids.Length;
        var x = work.Input.AsSpan(0, rows * EmbeddingDimensions);
        var half = EmbeddingDimensions / 2;
        foreach (var segment in segments)
        {
            for (var t = 0; t < segment.Length; t++)
            {
                // The graph adds the token embedding twice: once scattered alone, once with the timing signal.
                var row = x.Slice((segment.Start + t) * EmbeddingDimensions, EmbeddingDimensions);
                TensorPrimitives.Multiply(_tokenEmbeddings.AsSpan(ids[segment.Start + t] * EmbeddingDimensions, EmbeddingDimensions), 2f, row);
                for (var i = 0; i < half; i++)
                {
                    var angle = t * _inverseTimescales[i];
                    row[i] += MathF.Sin(angle);
                    row[half + i] += MathF.Cos(angle);
                }
            }
        }

        // Layer 0 widens 256 -> 512: its residual path is a dense projection of its input.
        var hidden = work.Hidden.AsSpan(0, rows * Dimensions);
        _residual.Apply(x, rows, hidden);
        _layer0.Apply(x, hidden, rows, segments, work);
        _layer1.Apply(hidden, hidden, rows, segments, work);

        // Per text: mean over its tokens (the graph divides by max(length, 1)), then the tanh layer for all
        // texts at once, then L2 normalisation.
        var pooled = work.Pooled.AsSpan(0, segments.Length * Dimensions);
        pooled.Clear();
        for (var s = 0; s < segments.Length; s++)
        {
            var target = pooled.Slice(s * Dimensions, Dimensions);
            for (var t = 0; t < segments[s].Length; t++)
                TensorPrimitives.Add(target, hidden.Slice((segments[s].Start + t) * Dimensions, Dimensions), target);
            TensorPrimitives.Divide(target, Math.Max(segments[s].Length, 1), target);
        }
        _output.Apply(pooled, segments.Length, output);
        for (var s = 0; s < segments.Length; s++)
        {
            var vector = output.Slice(s * Dimensions, Dimensions);
            TensorPrimitives.Tanh(vector, vector);
            var squares = TensorPrimitives.SumOfSquares(vector);
            TensorPrimitives.Multiply(vector, 1f / MathF.Sqrt(Math.Max(squares, 1e-12f)), vector);
        }
    }

    /// <summary>
    /// A dense layer, output[rows x columns] = input[rows x inner] * kernel[inner x columns] + bias, with the
    /// kernel repacked at load time into panels of P columns (each panel inner x P floats, contiguous), so the
    /// product streams the weights front to back. Register-blocked: a tile of 4 rows x P columns stays in eight
    /// accumulators (Vector512 with P = 32 where the CPU has AVX-512, else Vector256 with P = 16) while k runs
    /// over the inner dimension: two kernel loads, four broadcasts and eight fused multiply-adds per step. A
    /// panel (at most 192 KiB) stays in L2 while every row block reads it. Rows left over after the blocks of 4
    /// run one at a time with four partial sums over k.
    /// </summary>
    private sealed class Dense
    {
        private readonly float[] _panels;
        private readonly float[] _bias;
        private readonly int _inner;
        private readonly int _columns;
        private readonly bool _sparseInput;
        private readonly DenseKernel _kernel;
        private readonly int _panel;

        /// <param name="sparseInput">
        /// The input is mostly zeros (the second feed-forward product reads a ReLU output, about 92% zeros on
        /// our sentences): keep the kernel row-major and skip the kernel rows a zero multiplies, which does about
        /// a twelfth of the work.
        /// </param>
        public Dense(float[] kernel, float[] bias, int inner, int columns, DenseKernel kind, bool sparseInput = false)
        {
            _kernel = kind;
            _panel = kind == DenseKernel.Vector512 ? 32 : 16;
            if (columns % _panel != 0 || inner % 4 != 0) throw new InvalidDataException($"a dense layer of {inner} x {columns} is not a multiple of 4 x {_panel}");
            _bias = bias;
            _inner = inner;
            _columns = columns;
            _sparseInput = sparseInput;
            if (sparseInput)
            {
                _panels = kernel;
                return;
            }
            // Repacked in place through a copy of this layer, so loading never holds the whole model twice.
            var rowMajor = kernel.AsSpan(0, inner * columns).ToArray();
            for (var c = 0; c < columns; c += _panel)
                for (var k = 0; k < inner; k++)
                    rowMajor.AsSpan(k * columns + c, _panel).CopyTo(kernel.AsSpan(c * inner + k * _panel, _panel));
            _panels = kernel;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Apply(ReadOnlySpan<float> input, int rows, Span<float> output)
        {
            var (inner, columns) = (_inner, _columns);
            ArgumentOutOfRangeException.ThrowIfLessThan(input.Length, rows * inner);
            ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, rows * columns);
            if (_sparseInput)
            {
                ApplySparse(input, rows, output);
                return;
            }
            if (_kernel == DenseKernel.Vector512)
            {
                ApplyVector512(input, rows, output);
                return;
            }
            if (_kernel == DenseKernel.Portable)
            {
                ApplyPortable(input, rows, output);
                return;
            }

            ref var x = ref MemoryMarshal.GetReference(input);
            ref var y = ref MemoryMarshal.GetReference(output);
            for (var c = 0; c < columns; c += _panel)
            {
                ref var panel = ref _panels[c * inner];
                var bias0 = Vector256.Create(_bias, c);
                var bias1 = Vector256.Create(_bias, c + 8);
                var r = 0;
                for (; r + 4 <= rows; r += 4)
                {
                    Vector256<float> a00 = bias0, a01 = bias1, a10 = bias0, a11 = bias1, a20 = bias0, a21 = bias1, a30 = bias0, a31 = bias1;
                    ref var x0 = ref Unsafe.Add(ref x, r * inner);
                    ref var x1 = ref Unsafe.Add(ref x0, inner);
                    ref var x2 = ref Unsafe.Add(ref x1, inner);
                    ref var x3 = ref Unsafe.Add(ref x2, inner);
                    ref var wk = ref panel;
                    for (var k = 0; k < inner; k++)
                    {
                        var w0 = Vector256.LoadUnsafe(ref wk);
                        var w1 = Vector256.LoadUnsafe(ref wk, 8);
                        var v = Vector256.Create(Unsafe.Add(ref x0, k));
                        a00 = Vector256.FusedMultiplyAdd(w0, v, a00);
                        a01 = Vector256.FusedMultiplyAdd(w1, v, a01);
                        v = Vector256.Create(Unsafe.Add(ref x1, k));
                        a10 = Vector256.FusedMultiplyAdd(w0, v, a10);
                        a11 = Vector256.FusedMultiplyAdd(w1, v, a11);
                        v = Vector256.Create(Unsafe.Add(ref x2, k));
                        a20 = Vector256.FusedMultiplyAdd(w0, v, a20);
                        a21 = Vector256.FusedMultiplyAdd(w1, v, a21);
                        v = Vector256.Create(Unsafe.Add(ref x3, k));
                        a30 = Vector256.FusedMultiplyAdd(w0, v, a30);
                        a31 = Vector256.FusedMultiplyAdd(w1, v, a31);
                        wk = ref Unsafe.Add(ref wk, 16);
                    }
                    ref var y0 = ref Unsafe.Add(ref y, r * columns + c);
                    a00.StoreUnsafe(ref y0);
                    a01.StoreUnsafe(ref y0, 8);
                    a10.StoreUnsafe(ref y0, (nuint)columns);
                    a11.StoreUnsafe(ref y0, (nuint)columns + 8);
                    a20.StoreUnsafe(ref y0, (nuint)(2 * columns));
                    a21.StoreUnsafe(ref y0, (nuint)(2 * columns) + 8);
                    a30.StoreUnsafe(ref y0, (nuint)(3 * columns));
                    a31.StoreUnsafe(ref y0, (nuint)(3 * columns) + 8);
                }
                for (; r < rows; r++)
                {
                    // A lone row would wait on two accumulators' latency; four partial sums over k (k mod 4)
                    // keep eight multiply-adds in flight. Inner sizes are multiples of 4.
                    Vector256<float> a0 = bias0, a1 = bias1, b0 = default, b1 = default, c0 = default, c1 = default, d0 = default, d1 = default;
                    ref var xr = ref Unsafe.Add(ref x, r * inner);
                    ref var wk = ref panel;
                    for (var k = 0; k < inner; k += 4)
                    {
                        var v = Vector256.Create(Unsafe.Add(ref xr, k));
                        a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wk), v, a0);
                        a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wk, 8), v, a1);
                        v = Vector256.Create(Unsafe.Add(ref xr, k + 1));
                        b0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wk, 16), v, b0);
                        b1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wk, 24), v, b1);
                        v = Vector256.Create(Unsafe.Add(ref xr, k + 2));
                        c0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wk, 32), v, c0);
                        c1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wk, 40), v, c1);
                        v = Vector256.Create(Unsafe.Add(ref xr, k + 3));
                        d0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wk, 48), v, d0);
                        d1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wk, 56), v, d1);
                        wk = ref Unsafe.Add(ref wk, 64);
                    }
                    ref var yr = ref Unsafe.Add(ref y, r * columns + c);
                    ((a0 + b0) + (c0 + d0)).StoreUnsafe(ref yr);
                    ((a1 + b1) + (c1 + d1)).StoreUnsafe(ref yr, 8);
                }
            }
        }

        // The Vector512 twin of the Vector256 path in Apply: the same tiles, 32 columns wide.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ApplyVector512(ReadOnlySpan<float> input, int rows, Span<float> output)
        {
            var (inner, columns) = (_inner, _columns);
            ref var x = ref MemoryMarshal.GetReference(input);
            ref var y = ref MemoryMarshal.GetReference(output);
            for (var c = 0; c < columns; c += 32)
            {
                ref var panel = ref _panels[c * inner];
                var bias0 = Vector512.Create(_bias, c);
                var bias1 = Vector512.Create(_bias, c + 16);
                var r = 0;
                for (; r + 4 <= rows; r += 4)
                {
                    Vector512<float> a00 = bias0, a01 = bias1, a10 = bias0, a11 = bias1, a20 = bias0, a21 = bias1, a30 = bias0, a31 = bias1;
                    ref var x0 = ref Unsafe.Add(ref x, r * inner);
                    ref var x1 = ref Unsafe.Add(ref x0, inner);
                    ref var x2 = ref Unsafe.Add(ref x1, inner);
                    ref var x3 = ref Unsafe.Add(ref x2, inner);
                    ref var wk = ref panel;
                    for (var k = 0; k < inner; k++)
                    {
                        var w0 = Vector512.LoadUnsafe(ref wk);
                        var w1 = Vector512.LoadUnsafe(ref wk, 16);
                        var v = Vector512.Create(Unsafe.Add(ref x0, k));
                        a00 = Vector512.FusedMultiplyAdd(w0, v, a00);
                        a01 = Vector512.FusedMultiplyAdd(w1, v, a01);
                        v = Vector512.Create(Unsafe.Add(ref x1, k));
                        a10 = Vector512.FusedMultiplyAdd(w0, v, a10);
                        a11 = Vector512.FusedMultiplyAdd(w1, v, a11);
                        v = Vector512.Create(Unsafe.Add(ref x2, k));
                        a20 = Vector512.FusedMultiplyAdd(w0, v, a20);
                        a21 = Vector512.FusedMultiplyAdd(w1, v, a21);
                        v = Vector512.Create(Unsafe.Add(ref x3, k));
                        a30 = Vector512.FusedMultiplyAdd(w0, v, a30);
                        a31 = Vector512.FusedMultiplyAdd(w1, v, a31);
                        wk = ref Unsafe.Add(ref wk, 32);
                    }
                    ref var y0 = ref Unsafe.Add(ref y, r * columns + c);
                    a00.StoreUnsafe(ref y0);
                    a01.StoreUnsafe(ref y0, 16);
                    a10.StoreUnsafe(ref y0, (nuint)columns);
                    a11.StoreUnsafe(ref y0, (nuint)columns + 16);
                    a20.StoreUnsafe(ref y0, (nuint)(2 * columns));
                    a21.StoreUnsafe(ref y0, (nuint)(2 * columns) + 16);
                    a30.StoreUnsafe(ref y0, (nuint)(3 * columns));
                    a31.StoreUnsafe(ref y0, (nuint)(3 * columns) + 16);
                }
                for (; r < rows; r++)
                {
                    Vector512<float> a0 = bias0, a1 = bias1, b0 = default, b1 = default, c0 = default, c1 = default, d0 = default, d1 = default;
                    ref var xr = ref Unsafe.Add(ref x, r * inner);
                    ref var wk = ref panel;
                    for (var k = 0; k < inner; k += 4)
                    {
                        var v = Vector512.Create(Unsafe.Add(ref xr, k));
                        a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wk), v, a0);
                        a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wk, 16), v, a1);
                        v = Vector512.Create(Unsafe.Add(ref xr, k + 1));
                        b0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wk, 32), v, b0);
                        b1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wk, 48), v, b1);
                        v = Vector512.Create(Unsafe.Add(ref xr, k + 2));
                        c0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wk, 64), v, c0);
                        c1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wk, 80), v, c1);
                        v = Vector512.Create(Unsafe.Add(ref xr, k + 3));
                        d0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wk, 96), v, d0);
                        d1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref wk, 112), v, d1);
                        wk = ref Unsafe.Add(ref wk, 128);
                    }
                    ref var yr = ref Unsafe.Add(ref y, r * columns + c);
                    ((a0 + b0) + (c0 + d0)).StoreUnsafe(ref yr);
                    ((a1 + b1) + (c1 + d1)).StoreUnsafe(ref yr, 16);
                }
            }
        }

        // Kernel rows outer, so each row of the kernel is read once while it updates every output row whose
        // input is not zero there; the output rows (at most 256 x 512 floats) stay in L2.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ApplySparse(ReadOnlySpan<float> input, int rows, Span<float> output)
        {
            var (inner, columns) = (_inner, _columns);
            for (var r = 0; r < rows; r++) _bias.CopyTo(output.Slice(r * columns, columns));
            for (var k = 0; k < inner; k++)
            {
                var weights = _panels.AsSpan(k * columns, columns);
                for (var r = 0; r < rows; r++)
                {
                    var value = input[r * inner + k];
                    if (value == 0) continue;
                    var outRow = output.Slice(r * columns, columns);
                    TensorPrimitives.FusedMultiplyAdd(weights, value, outRow, outRow);
                }
            }
        }

        // Without 256-bit vectors: the same panels, one row and one panel at a time.
        private void ApplyPortable(ReadOnlySpan<float> input, int rows, Span<float> output)
        {
            Span<float> sums = stackalloc float[_panel];
            for (var c = 0; c < _columns; c += _panel)
            {
                for (var r = 0; r < rows; r++)
                {
                    _bias.AsSpan(c, _panel).CopyTo(sums);
                    for (var k = 0; k < _inner; k++)
                        TensorPrimitives.FusedMultiplyAdd(_panels.AsSpan(c * _inner + k * _panel, _panel), input[r * _inner + k], sums, sums);
                    sums.CopyTo(output.Slice(r * _columns + c, _panel));
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        private Dense _qkv = null!;
        private Dense _projection = null!;
        private float[] _ffnNormScale = [];
        private float[] _ffnNormBias = [];
        private Dense _ffn1 = null!;
        private Dense _ffn2 = null!;
        private int _width;
        private float _scale;

        public static Layer Read(TfjsWeights weights, int index, int width, DenseKernel kernel)
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
                _qkv = new Dense(
                    weights.Get(kernels + "qkv_transform_single/kernel/part_0", width * 3 * width),
                    weights.Get(vars + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat", 3 * width),
                    width, 3 * width, kernel),
                _projection = new Dense(
                    weights.Get(kernels + "output_transform_single/kernel/part_0", width * Dimensions),
                    weights.Get(vars + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat", Dimensions),
                    width, Dimensions, kernel),
                _ffnNormScale = weights.Get(vars + "FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat", Dimensions),
                _ffnNormBias = weights.Get(vars + "FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat", Dimensions),
                _ffn1 = new Dense(
                    weights.Get(stack + "FFN/conv1/Tensordot/Reshape_1", Dimensions * FeedForward),
                    weights.Get(vars + "FFN/conv1/bias/ConcatPartitions/concat", FeedForward),
                    Dimensions, FeedForward, kernel),
                _ffn2 = new Dense(
                    weights.Get(stack + "FFN/conv2/Tensordot/Reshape_1", FeedForward * Dimensions),
                    weights.Get(vars + "FFN/conv2/bias/ConcatPartitions/concat", Dimensions),
                    FeedForward, Dimensions, kernel, sparseInput: true),
            };
        }

        /// <summary>Reads <paramref name="input"/> (length x width); adds the layer's output to <paramref name="residual"/> (length x 512).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Apply(ReadOnlySpan<float> input, Span<float> residual, int length, ReadOnlySpan<Segment> segments, Workspace work)
        {
            var width = _width;
            var headWidth = width / Heads;
            var normed = work.Normed.AsSpan(0, length * width);
            LayerNorm(input, _attentionNormScale, _attentionNormBias, length, width, normed);
            var qkv = work.Qkv.AsSpan(0, length * 3 * width);
            _qkv.Apply(normed, length, qkv);

            var context = work.Context.AsSpan(0, length * width);
            // Attention stays within each text of the pack.
            foreach (var segment in segments)
            {
                var scores = work.Scores.AsSpan(0, segment.Length);
                for (var h = 0; h < Heads; h++)
                {
                    for (var i = segment.Start; i < segment.Start + segment.Length; i++)
                    {
                        var query = qkv.Slice(i * 3 * width + h * headWidth, headWidth);
                        for (var j = 0; j < segment.Length; j++)
                            scores[j] = TensorPrimitives.Dot(query, qkv.Slice((segment.Start + j) * 3 * width + width + h * headWidth, headWidth)) * _scale;
                        TensorPrimitives.SoftMax(scores, scores);
                        var target = context.Slice(i * width + h * headWidth, headWidth);
                        target.Clear();
                        for (var j = 0; j < segment.Length; j++)
                            TensorPrimitives.MultiplyAdd(qkv.Slice((segment.Start + j) * 3 * width + 2 * width + h * headWidth, headWidth), scores[j], target, target);
                    }
                }
            }

            var projected = work.Projected.AsSpan(0, length * Dimensions);
            _projection.Apply(context, length, projected);
            TensorPrimitives.Add(residual, projected, residual);

            var ffnInput = work.Normed.AsSpan(0, length * Dimensions);
            LayerNorm(residual, _ffnNormScale, _ffnNormBias, length, Dimensions, ffnInput);
            var inner = work.FeedForward.AsSpan(0, length * FeedForward);
            _ffn1.Apply(ffnInput, length, inner);
            TensorPrimitives.Max(inner, 0f, inner);
            _ffn2.Apply(inner, length, projected);
            TensorPrimitives.Add(residual, projected, residual);
        }
    }

    /// <summary>Where one text's tokens sit in a pack.</summary>
    private readonly record struct Segment(int Start, int Length);

    /// <summary>Scratch buffers sized for a full pack, reused across calls by one thread at a time.</summary>
    private sealed class Workspace
    {
        public int[] Ids { get; } = new int[PackTokens];
        public int[] Text { get; } = new int[MaxTokens];
        public Segment[] Segments { get; } = new Segment[PackTokens];
        public float[] Input { get; } = new float[PackTokens * EmbeddingDimensions];
        public float[] Hidden { get; } = new float[PackTokens * Dimensions];
        public float[] Normed { get; } = new float[PackTokens * Dimensions];
        public float[] Qkv { get; } = new float[PackTokens * 3 * Dimensions];
        public float[] Context { get; } = new float[PackTokens * Dimensions];
        public float[] Projected { get; } = new float[PackTokens * Dimensions];
        public float[] FeedForward { get; } = new float[PackTokens * UniversalSentenceEncoderLite.FeedForward];
        public float[] Scores { get; } = new float[MaxTokens];
        public float[] Pooled { get; } = new float[PackTokens * Dimensions];
    }
}

/// <summary>How the dense layers multiply: 512-bit or 256-bit vector tiles, or a portable loop.</summary>
internal enum DenseKernel
{
    Portable,
    Vector256,
    Vector512,
}
