using SupportAssist.Embeddings.Arctic;

namespace SupportAssist.Infrastructure.Tests.AI;

/// <summary>The local encoder, loaded once per test run (its int8 model kept in the user's model cache between runs).</summary>
internal static class SharedEncoder
{
    private static readonly Lazy<ArcticEmbedXs> Encoder = new(() => ArcticEmbedXs.Load(new EncoderOptions { Precision = EncoderPrecision.FullPrecision }));

    public static ArcticEmbedXs Instance => Encoder.Value;

    public static LocalEmbeddingGenerator Generator() => new(Instance);
}
