using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// Passage embeddings kept in a SQLite file beside the index, keyed by the SHA-256 of the embedder's identity and
/// the text: re-indexing unchanged content (a rebuild, a new data folder over the same help center, another test
/// host) reads vectors instead of running the model. Queries are not cached (they are rarely repeated, and user
/// text is not kept). Concurrent writers of one file are fine: rows are only ever inserted, never changed.
/// </summary>
public sealed partial class SqliteEmbeddingCache : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ILogger _logger;
    private const int LookupBatch = 500;
    private readonly string _connectionString;
    private readonly byte[] _embedder;
    private readonly SemaphoreSlim _schema = new(1, 1);
    private volatile bool _ready;

    public SqliteEmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> inner, string path, ILogger<SqliteEmbeddingCache>? logger = null) : base(inner)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _embedder = Encoding.UTF8.GetBytes(EmbedderIdentity.Of(inner) + "\n");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        if (IsQuery(options) || texts.Count == 0) return await base.GenerateAsync(texts, options, cancellationToken);
        try
        {
            return await CachedAsync(texts, options, cancellationToken);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a locked, read-only, full or damaged file never fails an embedding.
            LogCacheFailed(_logger, Path, ex.GetType().Name, ex);
            return await base.GenerateAsync(texts, options, cancellationToken);
        }
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> CachedAsync(IReadOnlyList<string> texts, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        var keys = texts.Select(Key).ToArray();
        await using var connection = await OpenAsync(cancellationToken);
        var found = await LookupAsync(connection, keys, cancellationToken);
        var missing = Enumerable.Range(0, texts.Count).Where(i => !found.ContainsKey(keys[i])).DistinctBy(i => keys[i], ByteArrayComparer.Instance).ToList();
        if (missing.Count > 0)
        {
            var embedded = await base.GenerateAsync(missing.Select(i => texts[i]).ToList(), options, cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO embedding_cache (key, vector) VALUES ($key, $vector)";
            var key = insert.Parameters.Add("$key", SqliteType.Blob);
            var vector = insert.Parameters.Add("$vector", SqliteType.Blob);
            for (var m = 0; m < missing.Count; m++)
            {
                key.Value = keys[missing[m]];
                vector.Value = MemoryMarshal.AsBytes(embedded[m].Vector.Span).ToArray();
                await insert.ExecuteNonQueryAsync(cancellationToken);
                found[keys[missing[m]]] = embedded[m];
            }
            await transaction.CommitAsync(cancellationToken);
        }
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var k in keys) result.Add(found[k]);
        return result;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _schema.Dispose();
        base.Dispose(disposing);
    }

    private static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(QueryEmbedding.InputTypeProperty, out var type) == true && Equals(type, QueryEmbedding.Query);

    private byte[] Key(string text)
    {
        var bytes = new byte[_embedder.Length + Encoding.UTF8.GetByteCount(text)];
        _embedder.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(_embedder.Length));
        return SHA256.HashData(bytes);
    }

    private async Task<Dictionary<byte[], Embedding<float>>> LookupAsync(SqliteConnection connection, byte[][] keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<byte[], Embedding<float>>(ByteArrayComparer.Instance);
        var modelId = InnerGenerator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;
        foreach (var batch in keys.Distinct(ByteArrayComparer.Instance).Chunk(LookupBatch))
        {
            await using var select = connection.CreateCommand();
            var names = new string[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                names[i] = "$k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                select.Parameters.Add(names[i], SqliteType.Blob).Value = batch[i];
            }
            select.CommandText = $"SELECT key, vector FROM embedding_cache WHERE key IN ({string.Join(",", names)})";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var vector = MemoryMarshal.Cast<byte, float>((byte[])reader[1]).ToArray();
                found[(byte[])reader[0]] = new Embedding<float>(vector) { ModelId = modelId };
            }
        }
        return found;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            if (!_ready) await CreateAsync(cancellationToken);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await _schema.WaitAsync(cancellationToken);
        try
        {
            if (_ready) return;
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await SqliteDatabase.ExecuteAsync(connection,
                "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS embedding_cache (key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID;", cancellationToken);
            _ready = true;
        }
        finally
        {
            _schema.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding cache {CachePath} failed ({ErrorType}); embedding without it")]
    private static partial void LogCacheFailed(ILogger logger, string cachePath, string errorType, Exception exception);

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => BitConverter.ToInt32(obj, 0);
    }
}
