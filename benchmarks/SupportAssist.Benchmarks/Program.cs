using BenchmarkDotNet.Running;

namespace SupportAssist.Benchmarks;

// dotnet run -c Release --project benchmarks/SupportAssist.Benchmarks -- --filter '*'
// An explicit entry class: the API's top-level Program is referenced by the deflection benchmarks.
internal static class BenchmarkEntry
{
    private static async Task Main(string[] args)
    {
        // dotnet run -c Release --project benchmarks/SupportAssist.Benchmarks -- page-load http://127.0.0.1:5080
        if (args is ["page-load", var baseUrl, ..]) await PageLoadRun.RunAsync(baseUrl);
        // dotnet run -c Release --project benchmarks/SupportAssist.Benchmarks -- vector-load 100000
        else if (args is ["vector-load", var chunks, ..]) await VectorLoadRun.RunAsync(int.Parse(chunks, System.Globalization.CultureInfo.InvariantCulture));
        else BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
    }
}
