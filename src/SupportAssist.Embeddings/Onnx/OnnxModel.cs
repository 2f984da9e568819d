using System.Runtime.InteropServices;

namespace SupportAssist.Embeddings.Onnx;

/// <summary>
/// An editable view of an ONNX model (the <c>ModelProto</c> of onnx.proto): its graph's nodes in order and its
/// initializers by name. Everything this view does not model (attributes, inputs, value infos, metadata) is
/// kept as read and written back unchanged.
/// </summary>
internal sealed class OnnxModel
{
    // Field numbers of onnx.proto.
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphOutput = 12;
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorTypeElement = 1;
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorFloatData = 4;
    private const int TensorName = 8;
    private const int TensorRawData = 9;

    /// <summary>TensorProto.DataType values used here.</summary>
    public const int Float = 1;
    public const int Uint8 = 2;
    public const int Int8 = 3;
    public const int Int64 = 7;

    private readonly List<ProtoField> _model;
    private readonly List<ProtoField> _graph;
    private readonly Dictionary<string, ProtoField> _initializers = new(StringComparer.Ordinal);
    private readonly List<string> _initializerOrder = [];

    private OnnxModel(List<ProtoField> model, List<ProtoField> graph)
    {
        _model = model;
        _graph = [];
        foreach (var field in graph)
        {
            if (field.Number == GraphNode) Nodes.Add(OnnxNode.Read(field.Bytes));
            else if (field.Number == GraphInitializer)
            {
                var name = ProtoField.Read(field.Bytes).First(f => f.Number == TensorName).Text;
                _initializers[name] = field;
                _initializerOrder.Add(name);
            }
            else _graph.Add(field);
        }
    }

    /// <summary>The graph's nodes in topological order, as exported.</summary>
    public List<OnnxNode> Nodes { get; } = [];

    /// <summary>Reads a serialised <c>ModelProto</c>.</summary>
    public static OnnxModel Read(ReadOnlyMemory<byte> bytes)
    {
        var model = ProtoField.Read(bytes);
        var graph = model.SingleOrDefault(f => f.Number == ModelGraph);
        if (graph.Bytes.IsEmpty) throw new InvalidDataException("The ONNX model has no graph.");
        return new OnnxModel(model, ProtoField.Read(graph.Bytes));
    }

    /// <summary>True when <paramref name="name"/> is a constant of the graph (a weight).</summary>
    public bool IsInitializer(string name) => _initializers.ContainsKey(name);

    /// <summary>A float initializer's values (row-major) and shape.</summary>
    public float[] FloatInitializer(string name, out int[] dims)
    {
        var fields = ProtoField.Read(_initializers[name].Bytes);
        dims = fields.Where(f => f.Number == TensorDims).Select(f => checked((int)f.Varint)).ToArray();
        var type = fields.FirstOrDefault(f => f.Number == TensorDataType).Varint;
        if (type != Float) throw new InvalidDataException($"Initializer '{name}' is of ONNX type {type}, not float.");
        var raw = fields.FirstOrDefault(f => f.Number == TensorRawData);
        if (!raw.Bytes.IsEmpty) return MemoryMarshal.Cast<byte, float>(raw.Bytes.Span).ToArray();
        // float_data is a packed repeated field.
        var packed = fields.Where(f => f.Number == TensorFloatData).SelectMany(f => MemoryMarshal.Cast<byte, float>(f.Bytes.Span).ToArray());
        return packed.ToArray();
    }

    /// <summary>Adds (or replaces) an initializer of <paramref name="dataType"/> from its raw little-endian bytes.</summary>
    public void SetInitializer(string name, ReadOnlySpan<int> dims, int dataType, ReadOnlySpan<byte> raw)
    {
        var fields = new List<ProtoField>();
        foreach (var d in dims) fields.Add(ProtoField.Of(TensorDims, d));
        fields.Add(ProtoField.Of(TensorDataType, dataType));
        fields.Add(ProtoField.Of(TensorName, name));
        fields.Add(ProtoField.Of(TensorRawData, raw.ToArray()));
        if (!_initializers.ContainsKey(name)) _initializerOrder.Add(name);
        _initializers[name] = ProtoField.Of(GraphInitializer, fields);
    }

    /// <summary>Adds a float initializer.</summary>
    public void SetInitializer(string name, ReadOnlySpan<int> dims, ReadOnlySpan<float> values) =>
        SetInitializer(name, dims, Float, MemoryMarshal.AsBytes(values));

    /// <summary>Adds an int8 initializer.</summary>
    public void SetInitializer(string name, ReadOnlySpan<int> dims, ReadOnlySpan<sbyte> values) =>
        SetInitializer(name, dims, Int8, MemoryMarshal.AsBytes(values));

    /// <summary>Adds an int64 initializer.</summary>
    public void SetInitializer(string name, ReadOnlySpan<int> dims, ReadOnlySpan<long> values) =>
        SetInitializer(name, dims, Int64, MemoryMarshal.AsBytes(values));

    /// <summary>Drops an initializer no node reads any more.</summary>
    public void RemoveInitializer(string name)
    {
        if (_initializers.Remove(name)) _initializerOrder.Remove(name);
    }

    /// <summary>Declares <paramref name="tensor"/> (float, any shape) a graph output, so a run can read it.</summary>
    public void AddFloatOutput(string tensor)
    {
        var tensorType = ProtoField.Of(TensorTypeElement, Float);
        var type = ProtoField.Of(TypeTensor, [tensorType]);
        _graph.Add(ProtoField.Of(GraphOutput, [ProtoField.Of(ValueInfoName, tensor), ProtoField.Of(ValueInfoType, [type])]));
    }

    /// <summary>Imports an operator set (such as ONNX Runtime's <c>com.microsoft</c> contrib operators) unless already imported.</summary>
    public void ImportOpset(string domain, long version)
    {
        var imported = _model.Where(f => f.Number == ModelOpsetImport)
            .Any(f => ProtoField.Read(f.Bytes).FirstOrDefault(x => x.Number == OpsetDomain).Text == domain);
        if (!imported) _model.Add(ProtoField.Of(ModelOpsetImport, [ProtoField.Of(OpsetDomain, domain), ProtoField.Of(OpsetVersion, version)]));
    }

    /// <summary>The node that writes <paramref name="tensor"/>, or null for graph inputs and initializers.</summary>
    public OnnxNode? Producer(string tensor) => Nodes.FirstOrDefault(n => n.Outputs.Contains(tensor));

    /// <summary>The nodes that read <paramref name="tensor"/>.</summary>
    public IEnumerable<OnnxNode> Consumers(string tensor) => Nodes.Where(n => n.Inputs.Contains(tensor));

    /// <summary>The serialised model.</summary>
    public byte[] ToBytes()
    {
        var graph = new List<ProtoField>(Nodes.Count + _initializers.Count + _graph.Count);
        graph.AddRange(Nodes.Select(n => ProtoField.Of(GraphNode, n.ToFields())));
        graph.AddRange(_initializerOrder.Select(name => _initializers[name]));
        graph.AddRange(_graph);
        var graphBytes = ProtoField.Write(graph);
        return ProtoField.Write(_model.Select(f => f.Number == ModelGraph ? ProtoField.Of(ModelGraph, graphBytes) : f));
    }
}
