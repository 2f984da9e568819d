using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// A row's own text (chunk id, heading path, text, content hash) as one UTF-8 record: four 32-bit lengths, then the
/// bytes. Held instead of a <see cref="Chunk"/> per row, it is about half the size of .NET strings and one object
/// rather than five; a chunk is built only for the rows a search returns.
/// </summary>
internal static class IndexedText
{
    private const int Header = 4 * sizeof(int);

    public static byte[] Pack(Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return Pack(Encoding.UTF8.GetBytes(chunk.Id), Encoding.UTF8.GetBytes(chunk.HeadingPath), Encoding.UTF8.GetBytes(chunk.Text), Encoding.UTF8.GetBytes(chunk.ContentHash));
    }

    /// <summary>Packs UTF-8 fields as SQLite hands them over, without decoding them (optimised at once: see the loader).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] Pack(ReadOnlySpan<byte> id, ReadOnlySpan<byte> headingPath, ReadOnlySpan<byte> text, ReadOnlySpan<byte> contentHash)
    {
        var packed = GC.AllocateUninitializedArray<byte>(Header + id.Length + headingPath.Length + text.Length + contentHash.Length);
        var span = packed.AsSpan();
        var at = Header;
        Put(span, 0, id, ref at);
        Put(span, 1, headingPath, ref at);
        Put(span, 2, text, ref at);
        Put(span, 3, contentHash, ref at);
        return packed;
    }

    public static Chunk Unpack(byte[] packed, IndexedArticle article, int ordinal)
    {
        var span = packed.AsSpan();
        var at = Header;
        var id = Take(span, 0, ref at);
        var headingPath = Take(span, 1, ref at);
        var text = Take(span, 2, ref at);
        var contentHash = Take(span, 3, ref at);
        return new Chunk(id, article.Id, ordinal, article.Title, article.Url, headingPath, text, contentHash, article.Audience, article.Locale, article.ProductArea);
    }

    private static void Put(Span<byte> packed, int field, ReadOnlySpan<byte> value, ref int at)
    {
        BinaryPrimitives.WriteInt32LittleEndian(packed[(field * sizeof(int))..], value.Length);
        value.CopyTo(packed[at..]);
        at += value.Length;
    }

    private static string Take(ReadOnlySpan<byte> packed, int field, ref int at)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(packed[(field * sizeof(int))..]);
        var value = Encoding.UTF8.GetString(packed.Slice(at, length));
        at += length;
        return value;
    }
}
