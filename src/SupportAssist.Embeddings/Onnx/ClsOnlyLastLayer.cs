using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportAssist.Embeddings.Onnx;

/// <summary>
/// CLS pooling reads one row of the last layer's output, so the last layer need only compute that row: its keys
/// and values still come from every token, but its queries, attention output, residual and feed-forward run
/// on the first token alone. The rewrite slices the layer's input to token 0 where the query projection and the
/// residual read it; every shape after that follows from the tensors (the export reshapes by each tensor's own
/// shape), and the model's output becomes one row per text. Exact: the row kept is computed as before.
/// </summary>
internal static partial class ClsOnlyLastLayer
{
    /// <summary>Rewrites a BERT encoder exported from PyTorch (node names <c>/encoder/layer.N/…</c>).</summary>
    /// <exception cref="InvalidDataException">The graph does not have the expected shape; nothing was changed.</exception>
    public static void Apply(OnnxModel model)
    {
        var last = model.Nodes.SelectMany(n => n.Outputs).Select(o => LayerName().Match(o)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();
        if (last < 0) throw new InvalidDataException("No /encoder/layer.N/ nodes: not a BERT export this rewrite knows.");
        var prefix = $"/encoder/layer.{last.ToString(CultureInfo.InvariantCulture)}/";
        var query = model.Nodes.Where(n => n.OpType == "MatMul" && n.Outputs[0].StartsWith(prefix + "attention/self/query/", StringComparison.Ordinal)).ToList();
        if (query.Count != 1) throw new InvalidDataException($"Expected one query projection in {prefix}, found {query.Count}.");
        var input = query[0].Inputs[0];
        var residual = model.Nodes.Where(n => n.OpType == "Add" && n.Outputs[0].StartsWith(prefix, StringComparison.Ordinal) && n.Inputs.Contains(input)).ToList();
        if (residual.Count != 1) throw new InvalidDataException($"Expected one residual connection of {input} in {prefix}, found {residual.Count}.");

        var cls = input + "/cls";
        model.SetInitializer(cls + "/starts", [1], [0L]);
        model.SetInitializer(cls + "/ends", [1], [1L]);
        model.SetInitializer(cls + "/axes", [1], [1L]);
        var slice = new OnnxNode("Slice", cls + "/Slice", [input, cls + "/starts", cls + "/ends", cls + "/axes"], [cls]);
        model.Nodes.Insert(model.Nodes.IndexOf(query[0]), slice);
        Replace(query[0].Inputs, input, cls);
        Replace(residual[0].Inputs, input, cls);
    }

    private static void Replace(List<string> inputs, string from, string to)
    {
        for (var i = 0; i < inputs.Count; i++)
            if (inputs[i] == from) inputs[i] = to;
    }

    [GeneratedRegex(@"^/encoder/layer\.(\d+)/")]
    private static partial Regex LayerName();
}
