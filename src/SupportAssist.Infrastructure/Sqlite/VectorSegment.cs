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
        Chunks = new Chunk[rows];
        Order = new long[rows];
        Internal = new bool[rows];
        Language = new int[rows];
        ProductArea = new int[rows];
    }

    /// <summary>Row r's vector is <c>Vectors[r*d .. (r+1)*d)</c>.</summary>
    public float[] Vectors { get; }

    public Chunk[] Chunks { get; }

    /// <summary>The row's insertion order (the chunk's <c>seq</c> in the file): equal scores rank by it, as a fresh load would.</summary>
    public long[] Order { get; }

    public bool[] Internal { get; }

    public int[] Language { get; }

    /// <summary>The product area's id, or -1 when the chunk has none.</summary>
    public int[] ProductArea { get; }
}
