using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// Exact dense search over vectors held in memory, loaded from SQLite on first use and kept in step by
/// <see cref="SqliteKnowledgeStore"/> after each committed write (both under <see cref="SqliteWriteGate"/>).
/// </summary>
public sealed class SqliteVectorIndex(SqliteDatabase database, SqliteWriteGate gate) : IVectorIndex
{
    private volatile VectorSnapshot? _snapshot;
    private volatile string? _embedder;

    /// <summary>Rows currently held in memory (0 before the first load).</summary>
    public int Count => _snapshot?.Count ?? 0;

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var snapshot = _snapshot ?? await LoadAsync(cancellationToken);
        return snapshot.Search(query, filter, limit);
    }

    public async Task<string?> GetEmbedderAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is null) await LoadAsync(cancellationToken);
        return _snapshot!.Count == 0 ? null : _embedder;
    }

    /// <summary>Loads the vectors if they are not in memory yet.</summary>
    public async Task<int> WarmUpAsync(CancellationToken cancellationToken) => (_snapshot ?? await LoadAsync(cancellationToken)).Count;

    // Called by the store with the gate held, right after its transaction committed.
    internal void ApplyCommitted(string articleId, IReadOnlyList<IndexedChunk> replacement, string? embedder)
    {
        var current = _snapshot;
        if (current is null) return; // not loaded yet: the first load reads the committed rows
        var rows = current.Rows().Where(r => r.Chunk.ArticleId != articleId).Concat(replacement).ToList();
        var dimensions = rows.Count == 0 ? 0 : rows[0].Vector.Length;
        if (embedder is not null) _embedder = embedder;
        _snapshot = new VectorSnapshot(dimensions, rows);
    }

    // Called by the store with the gate held, after a whole-index swap committed.
    internal void ReplaceCommitted(IReadOnlyList<IndexedChunk> rows, string embedder)
    {
        if (_snapshot is null) return;
        _embedder = embedder;
        _snapshot = new VectorSnapshot(rows.Count == 0 ? 0 : rows[0].Vector.Length, rows);
    }

    private async Task<VectorSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } loaded) return loaded;
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SqliteKnowledgeStore.ChunkColumns}, c.vector FROM chunks c JOIN articles a ON a.id = c.article_id ORDER BY c.seq";
            var rows = new List<IndexedChunk>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    rows.Add(new IndexedChunk(SqliteKnowledgeStore.ReadChunk(reader), ReadVector(reader, SqliteKnowledgeStore.ChunkColumnCount)));
            }
            var snapshot = new VectorSnapshot(rows.Count == 0 ? 0 : rows[0].Vector.Length, rows);
            _embedder = await SqliteKnowledgeStore.ReadEmbedderAsync(connection, null, cancellationToken);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    internal static float[] ReadVector(SqliteDataReader reader, int ordinal)
    {
        var bytes = (byte[])reader.GetValue(ordinal);
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}

/// <summary>Serialises writes to the knowledge base with the in-memory index's load and update.</summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public Task WaitAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(cancellationToken);

    public void Release() => _semaphore.Release();

    public void Dispose() => _semaphore.Dispose();
}
