namespace SupportAssist.Embeddings.Onnx;

/// <summary>One node of an ONNX graph (<c>NodeProto</c>): its operator, tensors in and out; attributes kept as read.</summary>
internal sealed class OnnxNode
{
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeDomain = 7;
    private const int NodeAttribute = 5;
    private const int AttributeName = 1;
    private const int AttributeInt = 3;
    private const int AttributeInts = 8;
    private const int AttributeType = 20;
    private const int AttributeTypeInt = 2;
    private const int AttributeTypeInts = 7;

    private readonly List<ProtoField> _others;

    /// <summary>Creates a node with no attributes.</summary>
    public OnnxNode(string opType, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, string domain = "")
    {
        OpType = opType;
        Name = name;
        Inputs = inputs.ToList();
        Outputs = outputs.ToList();
        Domain = domain;
        _others = [];
    }

    private OnnxNode(List<ProtoField> fields)
    {
        OpType = fields.FirstOrDefault(f => f.Number == NodeOpType).Text;
        Name = fields.FirstOrDefault(f => f.Number == NodeName).Text;
        Domain = fields.FirstOrDefault(f => f.Number == NodeDomain).Text;
        Inputs = fields.Where(f => f.Number == NodeInput).Select(f => f.Text).ToList();
        Outputs = fields.Where(f => f.Number == NodeOutput).Select(f => f.Text).ToList();
        _others = fields.Where(f => f.Number is not (NodeInput or NodeOutput or NodeName or NodeOpType or NodeDomain)).ToList();
    }

    /// <summary>The operator, such as <c>MatMul</c>.</summary>
    public string OpType { get; set; }

    /// <summary>The operator set's domain; empty for standard ONNX operators.</summary>
    public string Domain { get; set; }

    /// <summary>The node's name (unique in the graph).</summary>
    public string Name { get; }

    /// <summary>The tensors read, in the operator's order.</summary>
    public List<string> Inputs { get; }

    /// <summary>The tensors written.</summary>
    public List<string> Outputs { get; }

    public static OnnxNode Read(ReadOnlyMemory<byte> bytes) => new(ProtoField.Read(bytes));

    /// <summary>Adds an integer attribute (<c>AttributeProto</c> of type INT), such as Cast's <c>to</c>.</summary>
    public OnnxNode With(string attribute, long value)
    {
        _others.Add(ProtoField.Of(NodeAttribute, [ProtoField.Of(AttributeName, attribute), ProtoField.Of(AttributeInt, value), ProtoField.Of(AttributeType, AttributeTypeInt)]));
        return this;
    }

    /// <summary>Adds an integer-list attribute (type INTS), such as a reduction's <c>axes</c>.</summary>
    public OnnxNode With(string attribute, long[] values)
    {
        var fields = new List<ProtoField> { ProtoField.Of(AttributeName, attribute), ProtoField.Of(AttributeType, AttributeTypeInts) };
        fields.AddRange(values.Select(v => ProtoField.Of(AttributeInts, v)));
        _others.Add(ProtoField.Of(NodeAttribute, fields));
        return this;
    }

    /// <summary>The node's <c>NodeProto</c> fields.</summary>
    public IEnumerable<ProtoField> ToFields()
    {
        foreach (var input in Inputs) yield return ProtoField.Of(NodeInput, input);
        foreach (var output in Outputs) yield return ProtoField.Of(NodeOutput, output);
        if (Name.Length > 0) yield return ProtoField.Of(NodeName, Name);
        yield return ProtoField.Of(NodeOpType, OpType);
        if (Domain.Length > 0) yield return ProtoField.Of(NodeDomain, Domain);
        foreach (var other in _others) yield return other;
    }
}
