using System.Numerics;
using System.Numerics.Tensors;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// One published, immutable view of a <see cref="VectorTable"/>: its segments and, per segment, the bitmap of rows
/// alive in this view. Searches scan only alive rows, exactly; the table never writes a row that is alive in a view a
/// search still holds, so a search sees every article either wholly before or wholly after a write.
/// </summary>
internal sealed class VectorSnapshot
{
    // Below this many rows per core, splitting costs more than it saves.
    private const int RowsPerPartition = 4_096;

    private readonly VectorSegment[] _segments;
    private readonly ulong[][] _alive;
    private readonly int _segmentShift;
    private readonly IReadOnlyDictionary<string, int> _languageIds;
    private readonly IReadOnlyDictionary<string, int> _productAreaIds;
    private int _readers;

    public VectorSnapshot(long version, int dimensions, int count, int segmentShift, VectorSegment[] segments, ulong[][] alive,
        IReadOnlyDictionary<string, int> languageIds, IReadOnlyDictionary<string, int> productAreaIds)
    {
        Version = version;
        Dimensions = dimensions;
        Count = count;
        _segmentShift = segmentShift;
        _segments = segments;
        _alive = alive;
        _languageIds = languageIds;
        _productAreaIds = productAreaIds;
    }

    /// <summary>An index with no rows.</summary>
    public static VectorSnapshot Empty { get; } = new(0, 0, 0, VectorTable.DefaultSegmentShift, [], [],
        new Dictionary<string, int>(), new Dictionary<string, int>());

    /// <summary>A snapshot holding <paramref name="rows"/> in order (tests and benchmarks; the service loads through <see cref="VectorTable"/>).</summary>
    public static VectorSnapshot Of(int dimensions, IReadOnlyList<IndexedChunk> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new VectorTable(dimensions);
        var order = 0L;
        table.Apply([.. rows.GroupBy(r => r.Chunk.ArticleId, StringComparer.Ordinal)
            .Select(g => new VectorChange(g.Key, [.. g.Select(r => new VectorRow(r.Chunk, r.Vector, order++))]))]);
        return table.Current;
    }

    /// <summary>Publication number: a later view has a larger one.</summary>
    public long Version { get; }

    public int Dimensions { get; }

    /// <summary>Rows alive in this view.</summary>
    public int Count { get; }

    /// <summary>Searches currently scanning this view (see <see cref="VectorTable.Enter"/>).</summary>
    public int Readers => Volatile.Read(ref _readers);

    internal void AddReader() => Interlocked.Increment(ref _readers);

    internal void RemoveReader() => Interlocked.Decrement(ref _readers);

    /// <summary>The chunk of alive row <paramref name="slot"/>.</summary>
    public Chunk ChunkAt(int slot) => _segments[slot >> _segmentShift].ChunkAt(slot & ((1 << _segmentShift) - 1));

    /// <summary>Whether row <paramref name="slot"/> is alive in this view.</summary>
    public bool IsAlive(int slot)
    {
        var segment = slot >> _segmentShift;
        var row = slot & ((1 << _segmentShift) - 1);
        return segment < _alive.Length && (_alive[segment][row >> 6] & (1UL << (row & 63))) != 0;
    }

    /// <summary>
    /// Exact top-k by cosine over rows that pass the filter; the filter is checked before the dot product.
    /// Large views are scanned in one partition of segments per core and the partial top-k lists merged.
    /// </summary>
    public IReadOnlyList<ScoredChunk> Search(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (Count == 0 || limit <= 0) return [];
        if (query.Length != Dimensions)
            throw new ArgumentException($"The query has {query.Length} dimensions; the index holds {Dimensions}-d vectors.", nameof(query));

        var language = -1;
        if (filter.Language is { } lang && !_languageIds.TryGetValue(lang, out language)) return [];
        var productArea = -1;
        if (filter.ProductArea is { } area && !_productAreaIds.TryGetValue(area, out productArea)) return [];
        var scan = new ScanFilter(filter.Audience == Audience.Agent, language, productArea);

        var queryNorm = TensorPrimitives.Norm(query.Span);
        if (queryNorm == 0) return [];

        var partitions = Math.Clamp(Count / RowsPerPartition, 1, Math.Min(Environment.ProcessorCount, _segments.Length));
        TopK top;
        if (partitions == 1)
        {
            top = Scan(query.Span, 0, _segments.Length, scan, limit);
        }
        else
        {
            var partial = new TopK[partitions];
            var size = (_segments.Length + partitions - 1) / partitions;
            Parallel.For(0, partitions, p => partial[p] = Scan(query.Span, p * size, Math.Min(_segments.Length, (p + 1) * size), scan, limit));
            top = new TopK(limit);
            foreach (var part in partial) part.MergeInto(ref top);
        }

        var (scores, slots) = top.Drain();
        var hits = new ScoredChunk[scores.Length];
        for (var i = 0; i < hits.Length; i++) hits[i] = new ScoredChunk(ChunkAt(slots[i]), scores[i] / queryNorm);
        return hits;
    }

    private readonly record struct ScanFilter(bool AllowInternal, int Language, int ProductArea);

    private TopK Scan(ReadOnlySpan<float> query, int firstSegment, int endSegment, ScanFilter filter, int limit)
    {
        var top = new TopK(limit);
        var dims = Dimensions;
        for (var s = firstSegment; s < endSegment; s++)
        {
            var segment = _segments[s];
            var alive = _alive[s];
            var vectors = segment.Vectors.AsSpan();
            for (var word = 0; word < alive.Length; word++)
            {
                // Only rows alive in this view are read at all: a dead row may be being rewritten for a later view.
                var bits = alive[word];
                while (bits != 0)
                {
                    var row = (word << 6) | BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    if (segment.Internal[row] && !filter.AllowInternal) continue;
                    if (filter.Language >= 0 && segment.Language[row] != filter.Language) continue;
                    if (filter.ProductArea >= 0 && segment.ProductArea[row] != filter.ProductArea) continue;
                    top.Offer(TensorPrimitives.Dot(query, vectors.Slice(row * dims, dims)), segment.Order[row], (s << _segmentShift) | row);
                }
            }
        }
        return top;
    }
}
