using System.Runtime.CompilerServices;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// The rows one reader of a load fills (<see cref="SqliteVectorLoader"/>): its own segments, filled from row 0 in the
/// order the rows come (seq order), and which of its rows each article has. Parts share nothing writable, so each fills
/// its own on its own thread; <see cref="VectorTable.PublishLoaded"/> then adopts the parts' segments in seq order.
/// </summary>
internal sealed class VectorLoadPart
{
    private readonly int _dimensions;
    private readonly int _segmentRows;
    private readonly IReadOnlyDictionary<IndexedArticle, (int Language, int ProductArea)> _filterIds;

    // The article of the row added last, with its filter ids: an article's rows follow each other.
    private IndexedArticle? _lastArticle;
    private List<int>? _lastRows;
    private (int Language, int ProductArea) _lastFilterIds;

    public VectorLoadPart(int dimensions, int segmentShift, IReadOnlyDictionary<IndexedArticle, (int Language, int ProductArea)> filterIds)
    {
        _dimensions = dimensions;
        _segmentRows = 1 << segmentShift;
        _filterIds = filterIds;
    }

    public int Dimensions => _dimensions;

    /// <summary>The part's segments; rows <c>0 .. Count-1</c> of them are filled, the rest of the last one unused.</summary>
    public List<VectorSegment> Segments { get; } = [];

    /// <summary>Each article's rows in this part, in seq order.</summary>
    public Dictionary<string, List<int>> RowsByArticle { get; } = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>
    /// Adds a row after the ones before it, returning the span its vector is to be read into (<see cref="NormaliseLast"/>
    /// afterwards). Rows come in seq order; an article's rows share <paramref name="article"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Span<float> Add(IndexedArticle article, int ordinal, byte[] text, long order)
    {
        var row = Count++;
        if (row % _segmentRows == 0) Segments.Add(new VectorSegment(_segmentRows, _dimensions));
        if (!ReferenceEquals(article, _lastArticle))
        {
            _lastArticle = article;
            _lastFilterIds = _filterIds[article];
            if (!RowsByArticle.TryGetValue(article.Id, out _lastRows)) RowsByArticle[article.Id] = _lastRows = [];
        }
        _lastRows!.Add(row);
        var segment = Segments[^1];
        var inSegment = row % _segmentRows;
        segment.Set(inSegment, article, ordinal, text, order, _lastFilterIds.Language, _lastFilterIds.ProductArea);
        return segment.Vectors.AsSpan(inSegment * _dimensions, _dimensions);
    }

    /// <summary>L2-normalises the vector of the row added last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void NormaliseLast() =>
        VectorSegment.Normalise(Segments[^1].Vectors.AsSpan((Count - 1) % _segmentRows * _dimensions, _dimensions));
}
