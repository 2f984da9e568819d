using System.CommandLine;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Evals.Triage;

namespace SupportAssist.Evals;

/// <summary>The command table. Exit codes: 0 done, 1 bad command line, 2 bad data, 3 a metric regressed past the gate.</summary>
internal static class EvalCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("SupportAssist's offline evaluation harness: run a suite on a dataset, write a report, compare with a baseline.");
        root.Subcommands.Add(RetrievalCommand.Create());
        root.Subcommands.Add(TriageSuiteCommand.Create());
        root.Subcommands.Add(Deflection.DeflectionSuiteCommand.Create());
        root.Subcommands.Add(Deflection.TrainPolicyCommand.Create());
        root.Subcommands.Add(Drafting.DraftingSuiteCommand.Create());
        root.Subcommands.Add(Outcomes.OutcomesSuiteCommand.Create());
        root.Subcommands.Add(Pii.PiiSuiteCommand.Create());
        root.Subcommands.Add(ExportBeirCommand.Create());
        root.Subcommands.Add(SyntheticBeirCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        return root;
    }
}
