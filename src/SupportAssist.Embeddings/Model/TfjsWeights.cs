using System.Runtime.InteropServices;
using System.Text.Json;

namespace SupportAssist.Embeddings.Model;

/// <summary>
/// Weights of a TF.js graph model, read by name: <c>model.json</c>'s weights manifest lists each tensor's
/// name, shape and dtype in the order their bytes follow one another across the shard files.
/// </summary>
internal sealed class TfjsWeights
{
    private readonly Dictionary<string, (int[] Shape, float[] Data)> _tensors = new(StringComparer.Ordinal);

    public static TfjsWeights Load(string folder)
    {
        using var manifestDocument = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "model.json")));
        var weights = new TfjsWeights();
        foreach (var group in manifestDocument.RootElement.GetProperty("weightsManifest").EnumerateArray())
        {
            // The shards are one byte stream cut into files; each tensor is read straight into its own array.
            using var shards = new ConcatenatedFiles(group.GetProperty("paths").EnumerateArray().Select(p => Path.Combine(folder, p.GetString()!)).ToList());
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                if (weight.TryGetProperty("quantization", out _))
                    throw new InvalidDataException("Quantized weights are not supported.");
                var shape = weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var count = shape.Aggregate(1, (a, b) => a * b);
                var dtype = weight.GetProperty("dtype").GetString();
                float[] data;
                switch (dtype)
                {
                    case "float32":
                        data = new float[count];
                        shards.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
                        break;
                    case "int32":
                        var integers = new int[count];
                        shards.ReadExactly(MemoryMarshal.AsBytes(integers.AsSpan()));
                        data = Array.ConvertAll(integers, i => (float)i);
                        break;
                    default:
                        throw new InvalidDataException($"Unsupported dtype {dtype}.");
                }
                weights._tensors[weight.GetProperty("name").GetString()!] = (shape, data);
            }
            if (!shards.AtEnd) throw new InvalidDataException("The weight shards are longer than the manifest says.");
        }
        return weights;
    }

    /// <summary>Reads several files as one stream, in order.</summary>
    private sealed class ConcatenatedFiles(IReadOnlyList<string> paths) : IDisposable
    {
        private int _next;
        private FileStream? _current;

        public bool AtEnd
        {
            get
            {
                while (true)
                {
                    if (_current is not null && _current.Position < _current.Length) return false;
                    if (!Advance()) return true;
                }
            }
        }

        public void ReadExactly(Span<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                if ((_current is null || _current.Position == _current.Length) && !Advance())
                    throw new InvalidDataException("The weight shards are shorter than the manifest says.");
                var read = _current!.Read(buffer);
                buffer = buffer[read..];
            }
        }

        private bool Advance()
        {
            _current?.Dispose();
            _current = null;
            if (_next >= paths.Count) return false;
            _current = File.OpenRead(paths[_next++]);
            return true;
        }

        public void Dispose() => _current?.Dispose();
    }

    /// <summary>The tensor's values, checked against the expected element count.</summary>
    public float[] Get(string name, int expectedCount)
    {
        if (!_tensors.TryGetValue(name, out var tensor)) throw new InvalidDataException($"The model has no weight named '{name}'.");
        if (tensor.Data.Length != expectedCount)
            throw new InvalidDataException($"Weight '{name}' has {tensor.Data.Length} values; expected {expectedCount}.");
        return tensor.Data;
    }
}
