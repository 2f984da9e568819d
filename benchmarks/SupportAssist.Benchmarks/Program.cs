using BenchmarkDotNet.Running;

namespace SupportAssist.Benchmarks;

// dotnet run -c Release --project benchmarks/SupportAssist.Benchmarks -- --filter '*'
// An explicit entry class: the API's top-level Program is referenced by the deflection benchmarks.
internal static class BenchmarkEntry
{
    private static async Task<int> Main(string[] args)
    {
        // dotnet run -c Release --project benchmarks/SupportAssist.Benchmarks -- page-load http://127.0.0.1:5080
        if (args is ["page-load", var baseUrl, ..]) await PageLoadRun.RunAsync(baseUrl);
        // ... -- load http://127.0.0.1:5099 deflections 8 20 [--server-pid N] [--acked FILE]   (see benchmarks/drills/)
        else if (args is ["load", ..]) return await LoadRun.RunAsync(args);
        // ... -- verify-acked FILE sqlite PATH | verify-acked FILE postgres CONNECTION-STRING
        else if (args is ["verify-acked", ..]) return await AckedWritesCheck.RunAsync(args);
        // dotnet run -c Release --project benchmarks/SupportAssist.Benchmarks -- vector-load 100000
        else if (args is ["vector-load", var chunks, ..]) await VectorLoadRun.RunAsync(int.Parse(chunks, System.Globalization.CultureInfo.InvariantCulture));
        else BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
        return 0;
    }
}
