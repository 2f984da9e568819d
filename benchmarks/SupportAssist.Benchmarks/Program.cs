using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/SupportAssist.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
