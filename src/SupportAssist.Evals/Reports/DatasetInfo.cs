namespace SupportAssist.Evals.Reports;

/// <summary>The dataset a run measured: where it is and the SHA-256 of its files.</summary>
public sealed record DatasetInfo(string Path, string Sha256)
{
    /// <summary>The dataset in the single file <paramref name="path"/>, with the file's SHA-256.</summary>
    public static DatasetInfo Of(string path) =>
        new(path, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
}
