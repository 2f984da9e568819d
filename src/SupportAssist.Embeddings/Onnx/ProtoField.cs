using System.Text;

namespace SupportAssist.Embeddings.Onnx;

/// <summary>
/// One field of a protocol-buffers message as it sits on the wire: its number, wire type and either a varint
/// value or the bytes of a length-delimited (or fixed-width) payload. Enough to read an ONNX model, change
/// some of its messages and write it back with everything else untouched.
/// </summary>
internal readonly record struct ProtoField(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes)
{
    private const int VarintType = 0;
    private const int Fixed64Type = 1;
    private const int LengthDelimitedType = 2;
    private const int Fixed32Type = 5;

    /// <summary>The payload read as UTF-8 text (string fields).</summary>
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    /// <summary>A varint field.</summary>
    public static ProtoField Of(int number, long value) => new(number, VarintType, unchecked((ulong)value), default);

    /// <summary>A string field.</summary>
    public static ProtoField Of(int number, string value) => new(number, LengthDelimitedType, 0, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes or embedded-message field.</summary>
    public static ProtoField Of(int number, ReadOnlyMemory<byte> value) => new(number, LengthDelimitedType, 0, value);

    /// <summary>An embedded-message field, written from its own fields.</summary>
    public static ProtoField Of(int number, IEnumerable<ProtoField> message) => Of(number, Write(message));

    /// <summary>The fields of <paramref name="message"/> in wire order; payloads are slices of it, not copies.</summary>
    public static List<ProtoField> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = ReadVarint(span, ref at);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case VarintType:
                    fields.Add(new ProtoField(number, wireType, ReadVarint(span, ref at), default));
                    break;
                case Fixed64Type:
                    fields.Add(new ProtoField(number, wireType, 0, message.Slice(at, 8)));
                    at += 8;
                    break;
                case Fixed32Type:
                    fields.Add(new ProtoField(number, wireType, 0, message.Slice(at, 4)));
                    at += 4;
                    break;
                case LengthDelimitedType:
                    var length = checked((int)ReadVarint(span, ref at));
                    fields.Add(new ProtoField(number, wireType, 0, message.Slice(at, length)));
                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protocol-buffers wire type {wireType} in field {number}.");
            }
        }
        return fields;
    }

    /// <summary>The wire bytes of a message made of <paramref name="fields"/>.</summary>
    public static byte[] Write(IEnumerable<ProtoField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var stream = new MemoryStream();
        foreach (var field in fields) field.WriteTo(stream);
        return stream.ToArray();
    }

    private void WriteTo(Stream stream)
    {
        WriteVarint(stream, ((ulong)Number << 3) | (uint)WireType);
        if (WireType == VarintType)
        {
            WriteVarint(stream, Varint);
            return;
        }
        if (WireType == LengthDelimitedType) WriteVarint(stream, (ulong)Bytes.Length);
        stream.Write(Bytes.Span);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("A protocol-buffers varint is longer than 10 bytes.");
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        stream.WriteByte((byte)value);
    }
}
