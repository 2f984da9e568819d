using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;

namespace SupportAssist.Benchmarks;

/// <summary>
/// A real SQLite knowledge-base file holding <c>count</c> synthetic chunks (80 Zipf words each, random unit vectors,
/// articles of 100 chunks) written through <see cref="SqliteKnowledgeStore"/>. Building one takes a while, so it is
/// built once per (count, dimensions) into the temp folder and each run works on a fresh copy of it.
/// </summary>
internal static class SyntheticVectorFile
{
    /// <summary>The embedder identity recorded in the file; writes to it must name the same one.</summary>
    public const string Embedder = "synthetic/random-unit";

    private const int ChunksPerArticle = 100;

    /// <summary>A fresh copy of the file for <paramref name="count"/> chunks, in a new temp folder (delete it when done).</summary>
    public static string CopyOf(int count, int dimensions)
    {
        var template = Path.Combine(Path.GetTempPath(), "supportassist-bench-vectors", $"kb-{count}-{dimensions}-v1.db");
        if (!File.Exists(template)) Build(template, count, dimensions);
        var folder = Directory.CreateTempSubdirectory("supportassist-bench-").FullName;
        var copy = Path.Combine(folder, "kb.db");
        File.Copy(template, copy);
        return copy;
    }

    /// <summary>A random unit vector.</summary>
    public static float[] UnitVector(Random random, int dimensions)
    {
        var vector = SyntheticCorpus.Vector(random, dimensions);
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    /// <summary>A one-chunk article whose content differs with <paramref name="variant"/>.</summary>
    public static (Article Article, string Hash, IndexedChunk Chunk) OneChunkArticle(string id, int variant, Random random, int dimensions)
    {
        var text = SyntheticCorpus.Text(random, 80);
        var article = new Article(id, $"Benchmark article {variant}", null, "en", ArticleAudience.Public, "area-1", [], null, text);
        var chunk = new Chunk($"{id}#{variant:x12}", id, 0, article.Title, null, article.Title, text, $"{variant:x64}", ArticleAudience.Public, "en", "area-1");
        return (article, $"{id}-{variant}", new IndexedChunk(chunk, UnitVector(random, dimensions)));
    }

    private static void Build(string path, int count, int dimensions)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var building = path + ".building";
        File.Delete(building);
        using (var gate = new SqliteWriteGate())
        using (var database = new SqliteDatabase(building, NullLogger<SqliteDatabase>.Instance))
        {
            // The index is never loaded here, so the store only writes the file.
            var store = new SqliteKnowledgeStore(database, gate, new SqliteVectorIndex(database, gate), TimeProvider.System);
            var random = new Random(17);
            for (var start = 0; start < count; start += ChunksPerArticle)
            {
                var chunks = new List<IndexedChunk>(ChunksPerArticle);
                for (var i = start; i < Math.Min(start + ChunksPerArticle, count); i++)
                {
                    var text = SyntheticCorpus.Text(random, 80);
                    var a = i / ChunksPerArticle;
                    chunks.Add(new IndexedChunk(new Chunk(
                        $"article-{a}#{i:x12}", $"article-{a}", i - start, $"Synthetic article {a}", null, $"Synthetic article {a} > Section {i - start}", text, $"{i:x64}",
                        a % 7 == 0 ? ArticleAudience.Internal : ArticleAudience.Public, a % 5 == 0 ? "es" : "en", $"area-{a % 12}"), UnitVector(random, dimensions)));
                }
                var first = chunks[0].Chunk;
                var article = new Article(first.ArticleId, first.Title, null, first.Locale, first.Audience, first.ProductArea, [], null, "synthetic");
                store.ReplaceArticleAsync(article, first.ArticleId, chunks, Embedder, CancellationToken.None).GetAwaiter().GetResult();
            }
            using var connection = new SqliteConnection($"Data Source={building}");
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        File.Move(building, path, overwrite: true);
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(building + suffix);
    }

    /// <summary>Bytes of float32 vectors for <paramref name="count"/> rows.</summary>
    public static long VectorBytes(int count, int dimensions) => (long)count * dimensions * Marshal.SizeOf<float>();
}
