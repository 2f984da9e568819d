using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>Headline metrics of one classifier on one split, at its threshold.</summary>
public sealed record SplitMetrics(int Examples, double Accuracy, double MacroF1, double InScopeAccuracy, double OutOfScopeRecall, double OutOfScopePrecision)
{
    public static SplitMetrics Of(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Examples, Math.Round(report.Accuracy, 4), Math.Round(report.MacroF1, 4), Math.Round(report.InScopeAccuracy, 4),
            Math.Round(report.OutOfScopeRecall, 4), Math.Round(report.OutOfScopePrecision, 4));
    }
}
