using System.CommandLine;

namespace SupportAssist.Evals.Reports;

/// <summary>The options every suite takes, and how a run ends: report written, baseline compared, gate applied.</summary>
internal sealed class SuiteOptions
{
    public const int Regressed = 3;
    public const int BadInput = 2;

    public Option<FileInfo?> Baseline { get; } = new("--baseline") { Description = "A results.json to compare with: each metric's change is printed" };

    public Option<double?> FailOnRegression { get; } = new("--fail-on-regression")
    {
        Description = "Exit with code 3 when a metric drops by more than this (for example 0.02); needs --baseline",
    };

    public Option<DirectoryInfo?> Results { get; } = new("--results") { Description = "Where run folders are written (default evals/results)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Baseline);
        command.Options.Add(FailOnRegression);
        command.Options.Add(Results);
        command.Validators.Add(result =>
        {
            if (result.GetValue(FailOnRegression) is { } delta && (result.GetValue(Baseline) is null || delta < 0))
                result.AddError("--fail-on-regression needs --baseline and a delta of 0 or more");
        });
    }

    /// <summary>Writes the run's folder, compares with the baseline when given, and returns the exit code.</summary>
    public int Finish(ParseResult parse, SuiteResult result, IReadOnlyList<Chart> charts, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<MetricChange>? changes = null;
        if (parse.GetValue(Baseline) is { } baseline)
        {
            changes = BaselineComparison.Compare(SuiteResult.Read(baseline.FullName), result, parse.GetValue(FailOnRegression) ?? double.PositiveInfinity);
            Console.WriteLine($"Against {baseline.FullName}:");
            foreach (var line in BaselineComparison.Describe(changes)) Console.WriteLine("  " + line);
        }
        var root = parse.GetValue(Results)?.FullName ?? Path.Combine(EvalHost.RepositoryRoot(), "evals", "results");
        var folder = ReportWriter.Write(root, result, charts, notes, changes);
        Console.WriteLine($"Report: {folder}");
        // Without --fail-on-regression the comparison is printed, never gated.
        var regressed = parse.GetValue(FailOnRegression) is null ? [] : changes?.Where(c => c.Regressed).ToList() ?? [];
        if (regressed.Count == 0) return 0;
        Console.Error.WriteLine($"{regressed.Count} metric(s) regressed by more than {parse.GetValue(FailOnRegression)}: {string.Join(", ", regressed.Select(c => c.Metric))}");
        return Regressed;
    }
}
