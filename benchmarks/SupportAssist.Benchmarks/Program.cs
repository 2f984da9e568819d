using BenchmarkDotNet.Running;

namespace SupportAssist.Benchmarks;

// dotnet run -c Release --project benchmarks/SupportAssist.Benchmarks -- --filter '*'
// An explicit entry class: the API's top-level Program is referenced by the deflection benchmarks.
internal static class BenchmarkEntry
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
}
