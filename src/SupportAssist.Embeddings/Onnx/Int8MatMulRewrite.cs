namespace SupportAssist.Embeddings.Onnx;

/// <summary>
/// Turns every matrix product with a weight (<c>MatMul</c> whose second input is an initializer) into an int8
/// product: weights int8, symmetric, one scale per output column; the bias <c>Add</c> that follows folded in.
/// ONNX Runtime then runs its u8×s8 kernels (VNNI where the CPU has it). Two activation schemes:
/// <list type="bullet">
/// <item>Products that keep or widen the width (attention projections, the feed-forward up-projection) become
/// ONNX Runtime's <c>DynamicQuantizeMatMul</c>: the activation quantized to uint8 with one scale per run.</item>
/// <item>Down-projections (the feed-forward output, reading the GELU activation) get one scale per token: a few
/// tokens there are far larger than the rest, and one scale for all would erase the others. Built from standard
/// operators: s = max|x| / 127 per row, q = round(x / s) + 128 as uint8, <c>MatMulInteger</c> with zero point 128,
/// then × s per row and × the weight scale per column.</item>
/// </list>
/// Activations also have a few channels far larger than the rest. Before quantizing, each activation is smoothed
/// (as in SmoothQuant): channel j is divided by s_j = max|X_j|^α / max|W_j|^(1-α), measured on calibration text,
/// and the weight rows reading it are multiplied by s_j, which leaves the product unchanged and moves the
/// difficulty from activations into the per-column weight scales.
/// </summary>
internal static class Int8MatMulRewrite
{
    private const string ContribDomain = "com.microsoft";
    private const float MinSmoothing = 1e-2f;
    private const float MaxSmoothing = 1e2f;

    /// <summary>The activations that feed weight products: what calibration must observe.</summary>
    public static IReadOnlyList<string> Activations(OnnxModel model) =>
        WeightProducts(model).Select(n => n.Inputs[0]).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Rewrites the model. <paramref name="channelMax"/> holds max|X_j| per activation (from
    /// <see cref="Activations"/>); an activation without it is quantized unsmoothed.
    /// </summary>
    public static void Apply(OnnxModel model, IReadOnlyDictionary<string, float[]> channelMax, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(alpha, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(alpha, 1);
        var products = WeightProducts(model);
        var weights = products.Select(n => n.Inputs[1]).Distinct(StringComparer.Ordinal)
            .ToDictionary(name => name, name => new Weight(model.FloatInitializer(name, out var dims), dims), StringComparer.Ordinal);

        foreach (var group in products.GroupBy(n => n.Inputs[0], StringComparer.Ordinal))
        {
            var activation = group.Key;
            var smoothing = channelMax.TryGetValue(activation, out var xMax) ? Smoothing(xMax, group.Select(n => weights[n.Inputs[1]]), alpha) : null;
            var input = activation;
            if (smoothing is not null)
            {
                // One Mul per activation divides its channels; every product reading it reads the smoothed copy.
                input = activation + "/smoothed";
                model.SetInitializer(input + "/inverse", [smoothing.Length], smoothing.Select(s => 1f / s).ToArray());
                model.Nodes.Insert(model.Nodes.IndexOf(group.First()), new OnnxNode("Mul", input + "/Mul", [activation, input + "/inverse"], [input]));
            }
            foreach (var product in group) Quantize(model, product, input, weights[product.Inputs[1]], smoothing);
        }
        foreach (var weight in weights.Keys) model.RemoveInitializer(weight);
        model.ImportOpset(ContribDomain, 1);
    }

    private static List<OnnxNode> WeightProducts(OnnxModel model) =>
        model.Nodes.Where(n => n.OpType == "MatMul" && n.Domain.Length == 0 && n.Inputs.Count == 2 && model.IsInitializer(n.Inputs[1])).ToList();

    private sealed record Weight(float[] Values, int[] Dims)
    {
        public int Rows => Dims[0];
        public int Columns => Dims[1];
    }

    // s_j per input channel, from the activation's channel maxima and the largest weight each channel meets.
    private static float[] Smoothing(float[] xMax, IEnumerable<Weight> weights, double alpha)
    {
        var wMax = new float[xMax.Length];
        foreach (var weight in weights)
        {
            if (weight.Dims.Length != 2 || weight.Rows != xMax.Length)
                throw new InvalidDataException($"A weight of shape [{string.Join(",", weight.Dims)}] does not match an activation of {xMax.Length} channels.");
            for (var row = 0; row < weight.Rows; row++)
            {
                var max = wMax[row];
                foreach (var w in weight.Values.AsSpan(row * weight.Columns, weight.Columns)) max = Math.Max(max, Math.Abs(w));
                wMax[row] = max;
            }
        }
        var s = new float[xMax.Length];
        for (var j = 0; j < s.Length; j++)
        {
            var value = Math.Pow(Math.Max(xMax[j], 1e-5f), alpha) / Math.Pow(Math.Max(wMax[j], 1e-5f), 1 - alpha);
            s[j] = Math.Clamp((float)value, MinSmoothing, MaxSmoothing);
        }
        return s;
    }

    private static void Quantize(OnnxModel model, OnnxNode product, string input, Weight weight, float[]? smoothing)
    {
        var (rows, columns) = (weight.Rows, weight.Columns);
        var w = weight.Values;
        var scales = new float[columns];
        for (var row = 0; row < rows; row++)
        {
            var factor = smoothing?[row] ?? 1f;
            for (var c = 0; c < columns; c++) scales[c] = Math.Max(scales[c], Math.Abs(w[row * columns + c] * factor));
        }
        for (var c = 0; c < columns; c++) scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        var quantized = new sbyte[rows * columns];
        for (var row = 0; row < rows; row++)
        {
            var factor = smoothing?[row] ?? 1f;
            for (var c = 0; c < columns; c++)
                quantized[row * columns + c] = (sbyte)Math.Clamp(MathF.Round(w[row * columns + c] * factor / scales[c]), -127, 127);
        }

        var name = product.Name.Length > 0 ? product.Name : product.Outputs[0];
        var (weightName, scaleName, zeroName) = (name + "/weight_int8", name + "/weight_scale", name + "/weight_zero_point");
        model.SetInitializer(weightName, [rows, columns], quantized);
        model.SetInitializer(scaleName, [columns], scales);
        model.SetInitializer(zeroName, [columns], new sbyte[columns]);
        var output = product.Outputs[0];

        // Fold "Add(bias, product)" into the node when the product feeds nothing else.
        string? bias = null;
        if (model.Consumers(output).ToList() is [{ OpType: "Add", Domain: "" } add] && add.Inputs.Count == 2)
        {
            var other = add.Inputs[0] == output ? add.Inputs[1] : add.Inputs[0];
            if (model.IsInitializer(other))
            {
                bias = other;
                output = add.Outputs[0];
                model.Nodes.Remove(add);
            }
        }

        var index = model.Nodes.IndexOf(product);
        model.Nodes.RemoveAt(index);
        if (rows > columns)
        {
            model.Nodes.InsertRange(index, PerRowProduct(model, name, input, weightName, scaleName, zeroName, bias, output));
            return;
        }
        List<string> inputs = [input, weightName, scaleName, zeroName];
        if (bias is not null) inputs.Add(bias);
        model.Nodes.Insert(index, new OnnxNode("DynamicQuantizeMatMul", name + "/int8", inputs, [output], ContribDomain));
    }

    // x × W with x quantized per row: symmetric, offset by 128 into uint8 so MatMulInteger's zero point is one scalar.
    private static List<OnnxNode> PerRowProduct(OnnxModel model, string name, string input, string weight, string weightScale, string weightZero, string? bias, string output)
    {
        var p = name + "/per_row";
        model.SetInitializer(p + "/levels", [], [127f]);
        model.SetInitializer(p + "/tiny", [], [1e-12f]);
        model.SetInitializer(p + "/offset", [], [128f]);
        model.SetInitializer(p + "/zero_point", [], OnnxModel.Uint8, [128]);
        var scaled = bias is null ? output : p + "/unbiased";
        List<OnnxNode> nodes =
        [
            new("Abs", p + "/Abs", [input], [p + "/abs"]),
            new OnnxNode("ReduceMax", p + "/ReduceMax", [p + "/abs"], [p + "/max"]).With("axes", [-1L]).With("keepdims", 1),
            new("Div", p + "/Scale", [p + "/max", p + "/levels"], [p + "/scale_raw"]),
            new("Add", p + "/NonZero", [p + "/scale_raw", p + "/tiny"], [p + "/scale"]),
            new("Div", p + "/Divide", [input, p + "/scale"], [p + "/divided"]),
            new("Round", p + "/Round", [p + "/divided"], [p + "/rounded"]),
            new("Add", p + "/Offset", [p + "/rounded", p + "/offset"], [p + "/offset_values"]),
            new OnnxNode("Cast", p + "/ToUint8", [p + "/offset_values"], [p + "/quantized"]).With("to", OnnxModel.Uint8),
            new("MatMulInteger", p + "/MatMulInteger", [p + "/quantized", weight, p + "/zero_point", weightZero], [p + "/accumulated"]),
            new OnnxNode("Cast", p + "/ToFloat", [p + "/accumulated"], [p + "/accumulated_float"]).With("to", OnnxModel.Float),
            new("Mul", p + "/RowScale", [p + "/accumulated_float", p + "/scale"], [p + "/row_scaled"]),
            new("Mul", p + "/ColumnScale", [p + "/row_scaled", weightScale], [scaled]),
        ];
        if (bias is not null) nodes.Add(new OnnxNode("Add", p + "/Bias", [scaled, bias], [output]));
        return nodes;
    }
}
