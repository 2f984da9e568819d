using System.Numerics.Tensors;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// An immutable, contiguous copy of every chunk vector (L2-normalised, so a dot product is the cosine)
/// with per-row filter columns. Searches scan it exactly; writers build a new snapshot and swap it in,
/// so a search never sees half an update.
/// </summary>
internal sealed class VectorSnapshot
{
    private readonly float[] _vectors;
    private readonly Chunk[] _chunks;
    private readonly bool[] _internal;
    private readonly int[] _language;
    private readonly int[] _productArea;
    private readonly Dictionary<string, int> _languageIds;
    private readonly Dictionary<string, int> _productAreaIds;

    public static VectorSnapshot Empty { get; } = new(0, []);

    public VectorSnapshot(int dimensions, IReadOnlyList<IndexedChunk> rows)
    {
        Dimensions = dimensions;
        Count = rows.Count;
        _vectors = new float[Count * dimensions];
        _chunks = new Chunk[Count];
        _internal = new bool[Count];
        _language = new int[Count];
        _productArea = new int[Count];
        _languageIds = new Dictionary<string, int>(StringComparer.Ordinal);
        _productAreaIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            var (chunk, vector) = rows[i];
            if (vector.Length != dimensions)
                throw new InvalidOperationException($"Chunk {chunk.Id} has a {vector.Length}-d vector; the index holds {dimensions}-d vectors. Re-index with one embedder.");
            var row = _vectors.AsSpan(i * dimensions, dimensions);
            vector.Span.CopyTo(row);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
            _chunks[i] = chunk;
            _internal[i] = chunk.Audience == ArticleAudience.Internal;
            _language[i] = IdOf(_languageIds, RetrievalFilter.LanguageOf(chunk.Locale));
            _productArea[i] = chunk.ProductArea is null ? -1 : IdOf(_productAreaIds, chunk.ProductArea);
        }
    }

    public int Dimensions { get; }

    public int Count { get; }

    /// <summary>The rows as indexed chunks, for building the next snapshot.</summary>
    public IEnumerable<IndexedChunk> Rows()
    {
        for (var i = 0; i < Count; i++)
            yield return new IndexedChunk(_chunks[i], _vectors.AsMemory(i * Dimensions, Dimensions));
    }

    /// <summary>
    /// Exact top-k by cosine over rows that pass the filter; the filter is checked before the dot product.
    /// Large snapshots are scanned in one partition per core and the partial top-k lists merged.
    /// </summary>
    public IReadOnlyList<ScoredChunk> Search(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit)
    {
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

        var partitions = Math.Clamp(Count / RowsPerPartition, 1, Environment.ProcessorCount);
        TopK top;
        if (partitions == 1)
        {
            top = Scan(query.Span, 0, Count, scan, limit);
        }
        else
        {
            var partial = new TopK[partitions];
            var size = (Count + partitions - 1) / partitions;
            Parallel.For(0, partitions, p => partial[p] = Scan(query.Span, p * size, Math.Min(Count, (p + 1) * size), scan, limit));
            top = new TopK(limit);
            foreach (var part in partial) part.MergeInto(ref top);
        }

        var (scores, indices) = top.Drain();
        var hits = new ScoredChunk[scores.Length];
        for (var i = 0; i < hits.Length; i++)
            hits[i] = new ScoredChunk(_chunks[indices[i]], scores[i] / queryNorm);
        return hits;
    }

    // Below this many rows per core, splitting costs more than it saves.
    private const int RowsPerPartition = 4_096;

    private readonly record struct ScanFilter(bool AllowInternal, int Language, int ProductArea);

    private TopK Scan(ReadOnlySpan<float> query, int start, int end, ScanFilter filter, int limit)
    {
        var top = new TopK(limit);
        var vectors = _vectors.AsSpan();
        var dims = Dimensions;
        for (var i = start; i < end; i++)
        {
            if (_internal[i] && !filter.AllowInternal) continue;
            if (filter.Language >= 0 && _language[i] != filter.Language) continue;
            if (filter.ProductArea >= 0 && _productArea[i] != filter.ProductArea) continue;
            top.Offer(TensorPrimitives.Dot(query, vectors.Slice(i * dims, dims)), i);
        }
        return top;
    }

    private static int IdOf(Dictionary<string, int> ids, string key)
    {
        if (!ids.TryGetValue(key, out var id))
        {
            id = ids.Count;
            ids[key] = id;
        }
        return id;
    }
}

/// <summary>A bounded min-heap keeping the k largest scores seen; ties keep the earlier row.</summary>
internal struct TopK(int capacity)
{
    private readonly float[] _scores = new float[capacity];
    private readonly int[] _rows = new int[capacity];
    private int _count;

    public void Offer(float score, int row)
    {
        if (_count < _scores.Length)
        {
            _scores[_count] = score;
            _rows[_count] = row;
            SiftUp(_count++);
        }
        else if (score > _scores[0])
        {
            _scores[0] = score;
            _rows[0] = row;
            SiftDown(0);
        }
    }

    /// <summary>Offers every kept entry to <paramref name="target"/>.</summary>
    public readonly void MergeInto(ref TopK target)
    {
        for (var i = 0; i < _count; i++) target.Offer(_scores[i], _rows[i]);
    }

    /// <summary>The kept entries, best first (equal scores by row order).</summary>
    public readonly (float[] Scores, int[] Rows) Drain()
    {
        var scores = _scores;
        var rows = _rows;
        var order = new int[_count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var byScore = scores[b].CompareTo(scores[a]);
            return byScore != 0 ? byScore : rows[a].CompareTo(rows[b]);
        });
        var sortedScores = new float[order.Length];
        var sortedRows = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sortedScores[i] = scores[order[i]];
            sortedRows[i] = rows[order[i]];
        }
        return (sortedScores, sortedRows);
    }

    private readonly bool Less(int a, int b) =>
        _scores[a] < _scores[b] || (_scores[a] == _scores[b] && _rows[a] > _rows[b]);

    private readonly void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Less(i, parent)) return;
            Swap(i, parent);
            i = parent;
        }
    }

    private readonly void SiftDown(int i)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= _count) return;
            var smallest = left + 1 < _count && Less(left + 1, left) ? left + 1 : left;
            if (!Less(smallest, i)) return;
            Swap(i, smallest);
            i = smallest;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
