using System.Globalization;

namespace SupportAssist.Evals.Reports;

/// <summary>
/// Compares a run with a baseline <c>results.json</c>: every baseline metric, with its change (NaN when the run lacks it). A metric regresses
/// when it got worse by more than the allowed delta: fell, or for the <c>false_*</c> rates rose (latencies are
/// compared but never gate: they depend on the machine).
/// </summary>
public static class BaselineComparison
{
    public static IReadOnlyList<MetricChange> Compare(SuiteResult baseline, SuiteResult current, double allowedDrop)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        // A baseline metric the run did not measure counts as lost (NaN), so dropping a retriever cannot pass the gate.
        return baseline.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m =>
        {
            var now = current.Metrics.GetValueOrDefault(m.Key, double.NaN);
            var worsened = SuiteResult.LowerIsBetter(m.Key) ? now - m.Value : m.Value - now;
            var regressed = !SuiteResult.IsUngated(m.Key) && !double.IsNaN(m.Value) && (double.IsNaN(now) || worsened > allowedDrop + 1e-12);
            return new MetricChange(m.Key, m.Value, now, regressed);
        }).ToList();
    }

    /// <summary>The comparison as lines for the console and the summary.</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<MetricChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            var mark = change.Regressed ? "  REGRESSED" : "";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{change.Metric,-40} {SuiteResult.Format(change.Baseline),10} -> {SuiteResult.Format(change.Current),10}  ({change.Delta:+0.0000;-0.0000;0.0000}){mark}");
        }
    }
}
