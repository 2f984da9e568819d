using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// The in-memory vector index as rows in fixed segments (<see cref="VectorSegment"/>), changed in place by one writer
/// at a time (the store, under <see cref="SqliteWriteGate"/>) while searches run without locks.
/// <para>
/// A write touches only the changed articles' rows: their old rows are marked dead and their new rows written into free
/// rows, then a new <see cref="VectorSnapshot"/> is published holding a copy of the alive bitmaps of just the segments
/// it touched (512 bytes each). A search scans the view it entered, so it sees each article wholly old or wholly new.
/// </para>
/// <para>
/// A freed row is reused only once no search can still be scanning a view in which it was alive (epoch reclamation):
/// a search counts itself into its view and re-checks that the view is still current, the writer publishes and then
/// reads the counts of the views it retired (the hazard-pointer handshake, both sides fenced by interlocked
/// operations), and a row freed by version v is reused once every view older than v has no reader. A long search
/// therefore never blocks a write: the writer takes never-used rows instead, adding a segment when the last is full.
/// Segments are never copied, so growth costs one allocation of a segment, not a copy of the index.
/// </para>
/// </summary>
internal sealed class VectorTable
{
    /// <summary>4,096 rows per segment: one alive-bitmap word per 64 rows, a 6 MB segment at 384 dimensions.</summary>
    public const int DefaultSegmentShift = 12;

    private readonly int _shift;
    private readonly int _segmentRows;
    private readonly List<VectorSegment> _segments = [];
    private readonly Stack<int> _free = new();
    private readonly Queue<(int Slot, long FreedIn)> _pending = new();
    private readonly List<VectorSnapshot> _retired = [];
    private readonly Dictionary<string, int[]> _slotsByArticle = new(StringComparer.Ordinal);
    private ulong[][] _alive = [];
    private Dictionary<string, int> _languageIds = new(StringComparer.Ordinal);
    private Dictionary<string, int> _productAreaIds = new(StringComparer.Ordinal);

    // The article of the row written last, with its filter ids: consecutive rows are mostly one article's.
    private IndexedArticle? _lastArticle;
    private int _lastLanguage;
    private int _lastProductArea;
    private int _count;
    private int _nextUnused;
    private VectorSnapshot _current;

    public VectorTable(int dimensions, int segmentShift = DefaultSegmentShift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimensions);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentShift, 6);
        Dimensions = dimensions;
        _shift = segmentShift;
        _segmentRows = 1 << segmentShift;
        _current = new VectorSnapshot(0, dimensions, 0, segmentShift, [], [], _languageIds, _productAreaIds);
    }

    public int Dimensions { get; }

    /// <summary>The latest published view.</summary>
    public VectorSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Rows allocated (alive, dead or free): what the segments can hold without growing.</summary>
    public int Capacity => _segments.Count * _segmentRows;

    /// <summary>Freed rows not reusable yet, because a search may still scan a view in which they are alive.</summary>
    public int PendingFree => _pending.Count;

    /// <summary>
    /// Enters the current view for a search; pair with <see cref="VectorSnapshot.RemoveReader"/>. While entered, none
    /// of the view's alive rows is rewritten.
    /// </summary>
    public VectorSnapshot Enter()
    {
        while (true)
        {
            var view = Volatile.Read(ref _current);
            view.AddReader();
            // Counted first, then re-checked: a writer that retired this view either sees the count or is seen here.
            if (ReferenceEquals(Volatile.Read(ref _current), view)) return view;
            view.RemoveReader();
        }
    }

    /// <summary>Searches the current view (see <see cref="VectorSnapshot.Search"/>).</summary>
    public IReadOnlyList<ScoredChunk> Search(ReadOnlyMemory<float> query, RetrievalFilter filter, int limit)
    {
        var view = Enter();
        try
        {
            return view.Search(query, filter, limit);
        }
        finally
        {
            view.RemoveReader();
        }
    }

    /// <summary>Whether rows of <paramref name="dimensions"/> can go in after <paramref name="changes"/> removed what they replace.</summary>
    public bool Accepts(int dimensions, IReadOnlyList<VectorChange> changes)
    {
        if (dimensions == Dimensions) return true;
        var removed = 0;
        foreach (var change in changes)
        {
            if (_slotsByArticle.TryGetValue(change.ArticleId, out var slots)) removed += slots.Length;
        }
        return removed == _count;
    }

    /// <summary>
    /// Applies every change and publishes them together in one new view. Single writer: the caller serialises calls.
    /// Throws before changing anything when a vector has the wrong number of dimensions.
    /// </summary>
    public void Apply(IReadOnlyList<VectorChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            foreach (var row in change.Rows)
            {
                if (row.Vector.Length != Dimensions)
                    throw new InvalidOperationException($"Chunk {row.Chunk.Id} has a {row.Vector.Length}-d vector; the index holds {Dimensions}-d vectors. Re-index with one embedder.");
            }
        }

        Reclaim();
        var alive = (ulong[][])_alive.Clone();
        var copied = new HashSet<int>();
        var freed = new List<int>();
        foreach (var change in changes)
        {
            if (_slotsByArticle.Remove(change.ArticleId, out var old))
            {
                foreach (var slot in old)
                {
                    Bitmap(slot >> _shift)[(slot & (_segmentRows - 1)) >> 6] &= ~(1UL << (slot & 63));
                    freed.Add(slot);
                }
                _count -= old.Length;
            }
            if (change.Rows.Count == 0) continue;
            var slots = new int[change.Rows.Count];
            for (var i = 0; i < slots.Length; i++)
            {
                var slot = slots[i] = Allocate(ref alive);
                Write(slot, change.Rows[i]);
                Bitmap(slot >> _shift)[(slot & (_segmentRows - 1)) >> 6] |= 1UL << (slot & 63);
            }
            _slotsByArticle[change.ArticleId] = slots;
            _count += slots.Length;
        }
        Publish(alive, freed);

        ulong[] Bitmap(int segment)
        {
            // Copy-on-write: the published views keep the bitmap they were given.
            if (copied.Add(segment)) alive[segment] = (ulong[])alive[segment].Clone();
            return alive[segment];
        }
    }

    /// <summary>
    /// Gives every article of a load its filter ids (language, product area) before the load's parts start, so parts
    /// filling rows on several threads share one read-only map. Call once, on a new table.
    /// </summary>
    public IReadOnlyDictionary<IndexedArticle, (int Language, int ProductArea)> FilterIdsFor(IEnumerable<IndexedArticle> articles)
    {
        var ids = new Dictionary<IndexedArticle, (int Language, int ProductArea)>(ReferenceEqualityComparer.Instance);
        foreach (var article in articles)
        {
            ids[article] = (IdOf(ref _languageIds, RetrievalFilter.LanguageOf(article.Locale)),
                article.ProductArea is null ? -1 : IdOf(ref _productAreaIds, article.ProductArea));
        }
        return ids;
    }

    /// <summary>
    /// Adopts the parts of a load, given in seq order, and publishes them as the first view. Each part's segments follow
    /// the previous part's; the unused tail of a part's last segment becomes free rows (never alive in any view, so
    /// reusable at once). Rows keep their seq as their order, so searches rank ties exactly as a one-part load does.
    /// </summary>
    public void PublishLoaded(IReadOnlyList<VectorLoadPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var alive = new List<ulong[]>();
        var slotsByArticle = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (part.Count == 0) continue;
            if (part.Dimensions != Dimensions) throw new ArgumentException("A part holds vectors of another size.", nameof(parts));
            var first = _segments.Count << _shift;
            // Highest first, so the lowest free row is reused first.
            for (var slot = first - 1; slot >= _nextUnused; slot--) _free.Push(slot);
            foreach (var segment in part.Segments)
            {
                _segments.Add(segment);
                var bitmap = new ulong[_segmentRows / 64];
                var filled = Math.Min(_segmentRows, part.Count - ((alive.Count << _shift) - first));
                for (var word = 0; word < bitmap.Length && word * 64 < filled; word++)
                    bitmap[word] = filled - word * 64 >= 64 ? ulong.MaxValue : (1UL << (filled - word * 64)) - 1;
                alive.Add(bitmap);
            }
            foreach (var (articleId, rows) in part.RowsByArticle)
            {
                // An article whose rows span two parts keeps them in seq order: the earlier part's first.
                if (!slotsByArticle.TryGetValue(articleId, out var slots)) slotsByArticle[articleId] = slots = new List<int>(rows.Count);
                foreach (var row in rows) slots.Add(first + row);
            }
            _nextUnused = first + part.Count;
            _count += part.Count;
        }
        foreach (var (articleId, slots) in slotsByArticle) _slotsByArticle[articleId] = [.. slots];
        Publish([.. alive], []);
    }

    private int Allocate(ref ulong[][] alive)
    {
        if (_free.TryPop(out var reused)) return reused;
        var slot = _nextUnused++;
        if (slot >> _shift == _segments.Count)
        {
            _segments.Add(new VectorSegment(_segmentRows, Dimensions));
            alive = [.. alive, new ulong[_segmentRows / 64]];
        }
        return slot;
    }

    private void Write(int slot, VectorRow row)
    {
        // An article's rows share one IndexedArticle (the previous row's, when it holds the same fields).
        var article = _lastArticle is { } last && last.Holds(row.Chunk) ? last : IndexedArticle.Of(row.Chunk);
        WriteColumns(slot, article, row.Chunk.Ordinal, IndexedText.Pack(row.Chunk), row.Order);
        var vector = VectorOf(slot);
        row.Vector.Span.CopyTo(vector);
        VectorSegment.Normalise(vector);
    }

    private void WriteColumns(int slot, IndexedArticle article, int ordinal, byte[] text, long order)
    {
        if (!ReferenceEquals(article, _lastArticle))
        {
            _lastArticle = article;
            _lastLanguage = IdOf(ref _languageIds, RetrievalFilter.LanguageOf(article.Locale));
            _lastProductArea = article.ProductArea is null ? -1 : IdOf(ref _productAreaIds, article.ProductArea);
        }
        _segments[slot >> _shift].Set(slot & (_segmentRows - 1), article, ordinal, text, order, _lastLanguage, _lastProductArea);
    }

    private Span<float> VectorOf(int slot) =>
        _segments[slot >> _shift].Vectors.AsSpan((slot & (_segmentRows - 1)) * Dimensions, Dimensions);

    // Filter values get small ids; a new value copies the map, because published views read theirs without locks.
    private static int IdOf(ref Dictionary<string, int> ids, string key)
    {
        if (ids.TryGetValue(key, out var id)) return id;
        ids = new Dictionary<string, int>(ids, StringComparer.Ordinal) { [key] = id = ids.Count };
        return id;
    }

    private void Publish(ulong[][] alive, List<int> freed)
    {
        _alive = alive;
        var next = new VectorSnapshot(_current.Version + 1, Dimensions, _count, _shift, [.. _segments], alive, _languageIds, _productAreaIds);
        var previous = Interlocked.Exchange(ref _current, next);
        _retired.Add(previous);
        foreach (var slot in freed) _pending.Enqueue((slot, next.Version));
        Reclaim();
    }

    // Rows freed in version v were alive in views older than v: reusable once none of those has a reader.
    private void Reclaim()
    {
        _retired.RemoveAll(view => view.Readers == 0);
        var oldestInUse = long.MaxValue;
        foreach (var view in _retired) oldestInUse = Math.Min(oldestInUse, view.Version);
        while (_pending.TryPeek(out var pending) && pending.FreedIn <= oldestInUse)
        {
            var slot = _pending.Dequeue().Slot;
            // No search can reach the row any more: let its text go now rather than at reuse.
            _segments[slot >> _shift].Texts[slot & (_segmentRows - 1)] = null!;
            _segments[slot >> _shift].Articles[slot & (_segmentRows - 1)] = null!;
            _free.Push(slot);
        }
    }
}
