using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using SupportAssist.Embeddings.Onnx;

namespace SupportAssist.Benchmarks;

/// <summary>
/// What this machine's ONNX Runtime kernels reach on one matrix product of the encoder's feed-forward shape
/// (256 rows × 384 → 1536): float32 <c>MatMul</c> and uint8 × int8 <c>MatMulInteger</c>, one thread, to state what
/// fraction of the machine's measured throughput the encoder reaches. Same config as the encoder benchmarks
/// (in process; run under <c>taskset -c 1</c> for one core).
/// </summary>
[Config(typeof(EncoderBenchmarks.EncoderConfig))]
public class GemmThroughputBenchmarks
{
    private const int Rows = 256;
    private const int Inner = 384;
    private const int Columns = 1536;

    private InferenceSession _float = null!;
    private InferenceSession _integer = null!;
    private OrtValue _floatInput = null!;
    private OrtValue _integerInput = null!;

    /// <summary>Multiply-adds of one product, times two: the floating-point (or integer) operations it does.</summary>
    public static double Operations => 2.0 * Rows * Inner * Columns;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _float = new InferenceSession(Model("MatMul", OnnxModel.Float, model =>
        {
            model.SetInitializer("B", [Inner, Columns], Enumerable.Range(0, Inner * Columns).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
            return ["A", "B"];
        }), options);
        _integer = new InferenceSession(Model("MatMulInteger", OnnxModel.Uint8, model =>
        {
            model.SetInitializer("B", [Inner, Columns], Enumerable.Range(0, Inner * Columns).Select(_ => (sbyte)random.Next(-127, 128)).ToArray());
            model.SetInitializer("a_zero_point", [], OnnxModel.Uint8, [128]);
            model.SetInitializer("b_zero_point", [], [(sbyte)0]);
            return ["A", "B", "a_zero_point", "b_zero_point"];
        }), options);
        _floatInput = OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, Rows * Inner).Select(_ => (float)random.NextDouble()).ToArray(), [Rows, Inner]);
        _integerInput = OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, Rows * Inner).Select(_ => (byte)random.Next(256)).ToArray(), [Rows, Inner]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _float.Dispose();
        _integer.Dispose();
        _floatInput.Dispose();
        _integerInput.Dispose();
    }

    [Benchmark(Description = "fp32 MatMul 256x384x1536")]
    public int FloatProduct()
    {
        using var runOptions = new RunOptions();
        using var result = _float.Run(runOptions, ["A"], [_floatInput], ["Y"]);
        return result.Count;
    }

    [Benchmark(Description = "u8 x s8 MatMulInteger 256x384x1536")]
    public int IntegerProduct()
    {
        using var runOptions = new RunOptions();
        using var result = _integer.Run(runOptions, ["A"], [_integerInput], ["Y"]);
        return result.Count;
    }

    // A one-node model: input A [Rows, Inner] of the given element type, the node's other inputs as initializers.
    private static byte[] Model(string op, int inputType, Func<OnnxModel, string[]> initializers)
    {
        static ProtoField Dim(long value) => ProtoField.Of(1, [ProtoField.Of(1, value)]);
        static ProtoField ValueInfo(int field, string name, int type, long[] shape) => ProtoField.Of(field,
        [
            ProtoField.Of(1, name),
            ProtoField.Of(2, [ProtoField.Of(1, [ProtoField.Of(1, type), ProtoField.Of(2, shape.Select(Dim))])]),
        ]);
        var outputType = op == "MatMul" ? OnnxModel.Float : 6; // int32
        var graph = new ProtoField[]
        {
            ProtoField.Of(2, "gemm"),
            ValueInfo(11, "A", inputType, [Rows, Inner]),
            ValueInfo(12, "Y", outputType, [Rows, Columns]),
        };
        var bytes = ProtoField.Write([ProtoField.Of(1, 7L), ProtoField.Of(8, [ProtoField.Of(1, ""), ProtoField.Of(2, 13L)]), ProtoField.Of(7, graph)]);
        var model = OnnxModel.Read(bytes);
        model.Nodes.Add(new OnnxNode(op, op, initializers(model), ["Y"]));
        return model.ToBytes();
    }
}
