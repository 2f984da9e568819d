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
            var bytes = group.GetProperty("paths").EnumerateArray()
                .SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p.GetString()!))).ToArray();
            var offset = 0;
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                if (weight.TryGetProperty("quantization", out _))
                    throw new InvalidDataException("Quantized weights are not supported.");
                var shape = weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var count = shape.Aggregate(1, (a, b) => a * b);
                var dtype = weight.GetProperty("dtype").GetString();
                var length = count * 4;
                if (offset + length > bytes.Length) throw new InvalidDataException("The weight shards are shorter than the manifest says.");
                var span = bytes.AsSpan(offset, length);
                var data = dtype switch
                {
                    "float32" => MemoryMarshal.Cast<byte, float>(span).ToArray(),
                    "int32" => Array.ConvertAll(MemoryMarshal.Cast<byte, int>(span).ToArray(), i => (float)i),
                    _ => throw new InvalidDataException($"Unsupported dtype {dtype}."),
                };
                weights._tensors[weight.GetProperty("name").GetString()!] = (shape, data);
                offset += length;
            }
            if (offset != bytes.Length) throw new InvalidDataException("The weight shards are longer than the manifest says.");
        }
        return weights;
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
