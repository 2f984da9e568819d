using System.CommandLine;
using SupportAssist.Evals.Triage;

// dotnet run --project src/SupportAssist.Evals -- <command> [options]
var root = new RootCommand("SupportAssist's offline tools: train the triage model (the evaluation suites come with the eval harness).");
root.Subcommands.Add(TrainCommand.Create());
return await root.Parse(args).InvokeAsync();
