using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// Exact dense search over vectors held in memory, loaded from SQLite on first use (<see cref="SqliteVectorLoader"/>)
/// and kept in step by <see cref="SqliteKnowledgeStore"/> after each committed write (both under
/// <see cref="SqliteWriteGate"/>). A write changes only the rows of the articles it wrote (<see cref="VectorTable"/>);
/// searches take no lock and see each article wholly before or wholly after a write.
/// </summary>
public sealed class SqliteVectorIndex : IVectorIndex
{
    private readonly SqliteDatabase _database;
    private readonly SqliteWriteGate _gate;
    private readonly int _segmentShift;
    private volatile VectorTable? _table;
    private volatile string? _embedder;

    public SqliteVectorIndex(SqliteDatabase database, SqliteWriteGate gate)
        : this(database, gate, VectorTable.DefaultSegmentShift)
    {
    }

    /// <summary>With segments of 2^<paramref name="segmentShift"/> rows (small ones let tests reach many segments).</summary>
    internal SqliteVectorIndex(SqliteDatabase database, SqliteWriteGate gate, int segmentShift)
    {
        _database = database;
        _gate = gate;
        _segmentShift = segmentShift;
    }

    /// <summary>Rows currently held in memory (0 before the first load).</summary>
    public int Count => _table?.Current.Count ?? 0;

    /// <summary>The rows in memory, or null before the first load.</summary>
    internal VectorTable? Table => _table;

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var table = _table ?? await LoadAsync(cancellationToken);
        return table.Search(query, filter, limit);
    }

    public async Task<string?> GetEmbedderAsync(CancellationToken cancellationToken)
    {
        var table = _table ?? await LoadAsync(cancellationToken);
        return table.Current.Count == 0 ? null : _embedder;
    }

    /// <summary>Loads the vectors if they are not in memory yet.</summary>
    public async Task<int> WarmUpAsync(CancellationToken cancellationToken) => (_table ?? await LoadAsync(cancellationToken)).Current.Count;

    // Called by the store with the gate held, right after its transaction committed: one view for the whole batch.
    internal void ApplyCommitted(IReadOnlyList<VectorChange> changes, string? embedder)
    {
        var table = _table;
        if (table is null) return; // not loaded yet: the first load reads the committed rows
        if (embedder is not null) _embedder = embedder;
        var dimensions = Dimensions(changes) ?? table.Dimensions;
        if (dimensions != table.Dimensions && table.Accepts(dimensions, changes))
        {
            // Everything indexed is replaced by vectors of another size (an emptied index refilled): start afresh.
            var fresh = new VectorTable(dimensions, _segmentShift);
            fresh.Apply(changes);
            _table = fresh;
            return;
        }
        table.Apply(changes);
    }

    // Called by the store with the gate held, after a whole-index swap committed.
    internal void ReplaceCommitted(IReadOnlyList<VectorChange> articles, string embedder)
    {
        if (_table is null) return;
        var fresh = new VectorTable(Dimensions(articles) ?? 0, _segmentShift);
        fresh.Apply(articles);
        _embedder = embedder;
        _table = fresh;
    }

    private static int? Dimensions(IReadOnlyList<VectorChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Rows.Count > 0) return change.Rows[0].Vector.Length;
        }
        return null;
    }

    private async Task<VectorTable> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_table is { } loaded) return loaded;
            await using var connection = await _database.OpenAsync(cancellationToken);
            var table = await SqliteVectorLoader.LoadAsync(_database, connection, _segmentShift, cancellationToken);
            _embedder = await SqliteKnowledgeStore.ReadEmbedderAsync(connection, null, cancellationToken);
            _table = table;
            return table;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static float[] ReadVector(SqliteDataReader reader, int ordinal)
    {
        var bytes = (byte[])reader.GetValue(ordinal);
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
