using System.Numerics.Tensors;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// A fixed block of index rows: the rows' L2-normalised vectors back to back in one array (what the scan reads), and
/// per-row filter columns. A row is written only while it is dead in every view a search may still hold (see
/// <see cref="VectorTable"/>), so searches read segments without locks.
/// </summary>
internal sealed class VectorSegment
{
    public VectorSegment(int rows, int dimensions)
    {
        Vectors = new float[rows * dimensions];
        Articles = new IndexedArticle[rows];
        Texts = new byte[rows][];
        Ordinal = new int[rows];
        Order = new long[rows];
        Internal = new bool[rows];
        Language = new int[rows];
        ProductArea = new int[rows];
    }

    /// <summary>Row r's vector is <c>Vectors[r*d .. (r+1)*d)</c>.</summary>
    public float[] Vectors { get; }

    /// <summary>The row's article fields, shared by the article's rows.</summary>
    public IndexedArticle[] Articles { get; }

    /// <summary>The row's own text, packed (<see cref="IndexedText"/>).</summary>
    public byte[][] Texts { get; }

    /// <summary>The chunk's position in its article.</summary>
    public int[] Ordinal { get; }

    /// <summary>The chunk of row <paramref name="row"/>, built from its packed text.</summary>
    public Chunk ChunkAt(int row) => IndexedText.Unpack(Texts[row], Articles[row], Ordinal[row]);

    /// <summary>The row's insertion order (the chunk's <c>seq</c> in the file): equal scores rank by it, as a fresh load would.</summary>
    public long[] Order { get; }

    public bool[] Internal { get; }

    public int[] Language { get; }

    /// <summary>The product area's id, or -1 when the chunk has none.</summary>
    public int[] ProductArea { get; }

    /// <summary>Writes row <paramref name="row"/>'s columns (its vector is written separately).</summary>
    public void Set(int row, IndexedArticle article, int ordinal, byte[] text, long order, int language, int productArea)
    {
        Articles[row] = article;
        Texts[row] = text;
        Ordinal[row] = ordinal;
        Order[row] = order;
        Internal[row] = article.Audience == ArticleAudience.Internal;
        Language[row] = language;
        ProductArea[row] = productArea;
    }

    /// <summary>L2-normalises a vector in place (a zero vector stays zero).</summary>
    public static void Normalise(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
    }
}
