using SupportAssist.Embeddings.Arctic;
using SupportAssist.Embeddings.Onnx;

namespace SupportAssist.Embeddings.Tests;

/// <summary>The graph rewrites the encoder relies on, checked on the published model.</summary>
public sealed class OnnxRewriteTests
{
    private static readonly Lazy<byte[]> Published = new(ArcticModelFile.ReadFloat32Model);

    [Fact]
    public void Reading_and_writing_the_wire_format_gives_back_the_same_bytes()
    {
        var bytes = Published.Value;
        Assert.True(bytes.AsSpan().SequenceEqual(ProtoField.Write(ProtoField.Read(bytes))));
    }

    [Fact]
    public void The_last_layer_is_cut_to_the_cls_row_at_its_query_projection_and_its_residual()
    {
        var model = OnnxModel.Read(Published.Value);
        ClsOnlyLastLayer.Apply(model);
        var slice = Assert.Single(model.Nodes, n => n.OpType == "Slice" && n.Outputs[0].EndsWith("/cls", StringComparison.Ordinal));
        var readers = model.Consumers(slice.Outputs[0]).ToList();
        Assert.Equal(2, readers.Count);
        Assert.Contains(readers, n => n.OpType == "MatMul" && n.Outputs[0].Contains("layer.5/attention/self/query", StringComparison.Ordinal));
        Assert.Contains(readers, n => n.OpType == "Add" && n.Outputs[0].Contains("layer.5/attention/output/Add", StringComparison.Ordinal));
        // Keys and values still read every token.
        Assert.Equal(2, model.Consumers(slice.Inputs[0]).Count(n => n.OpType == "MatMul"));
    }

    [Fact]
    public void Every_weight_product_becomes_int8_and_down_projections_are_quantized_per_row()
    {
        var model = OnnxModel.Read(Published.Value);
        Int8MatMulRewrite.Apply(model, new Dictionary<string, float[]>(), 0.6);
        Assert.DoesNotContain(model.Nodes, n => n.OpType == "MatMul" && model.IsInitializer(n.Inputs[1]));
        // Six layers: query, key, value, attention output and feed-forward up-projection per run; the feed-forward
        // down-projection (1536 -> 384) per row.
        Assert.Equal(30, model.Nodes.Count(n => n.OpType == "DynamicQuantizeMatMul"));
        Assert.Equal(6, model.Nodes.Count(n => n.OpType == "MatMulInteger"));
        Assert.All(model.Nodes.Where(n => n.OpType == "DynamicQuantizeMatMul"), n => Assert.Equal(5, n.Inputs.Count));
        Assert.DoesNotContain(model.Nodes, n => n.OpType == "Add" && n.Inputs.Any(i => i.EndsWith("MatMul_output_0", StringComparison.Ordinal)) && n.Inputs.Any(model.IsInitializer));
    }

    [Fact]
    public void A_calibrated_activation_is_smoothed_once_before_the_first_product_and_every_product_reads_the_smoothed_copy()
    {
        var model = OnnxModel.Read(Published.Value);
        var activation = Int8MatMulRewrite.Activations(model)[0];
        Int8MatMulRewrite.Apply(model, new Dictionary<string, float[]> { [activation] = Enumerable.Repeat(1f, 384).ToArray() }, 0.6);

        var smoothing = Assert.Single(model.Nodes, n => n.OpType == "Mul" && n.Inputs[0] == activation && n.Outputs[0] == activation + "/smoothed");
        var readers = model.Nodes.Select((n, i) => (Node: n, Index: i)).Where(x => x.Node.Inputs.Contains(smoothing.Outputs[0])).ToList();
        Assert.Equal(3, readers.Count); // query, key and value of the first layer
        Assert.All(readers, r => Assert.True(r.Index > model.Nodes.IndexOf(smoothing)));
        Assert.True(model.Nodes.IndexOf(model.Producer(activation)!) < model.Nodes.IndexOf(smoothing));
        Assert.DoesNotContain(model.Nodes, n => n.OpType == "DynamicQuantizeMatMul" && n.Inputs[0] == activation);
    }
}
