namespace SupportAssist.Embeddings.Arctic;

/// <summary>How the encoder is loaded and run.</summary>
public sealed record EncoderOptions
{
    /// <summary>float32 (default, the published model) or int8 (2.2-2.7x faster on one core, cosine ≥ 0.999 to float32).</summary>
    public EncoderPrecision Precision { get; init; } = EncoderPrecision.FullPrecision;

    /// <summary>Threads one model run may use (ONNX Runtime's intra-op threads). 1 suits a server answering many requests.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Texts of one call embedded at once, each on its own thread; by default one per core.</summary>
    public int ParallelRuns { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Folder where the int8 model, once built (calibrated and rewritten, about a second of work), is kept for the
    /// next start; null builds it on every load.
    /// </summary>
    public string? CacheFolder { get; init; }
}
