namespace SupportAssist.Evals.Reports;

/// <summary>One metric against its baseline.</summary>
public sealed record MetricChange(string Metric, double Baseline, double Current, bool Regressed)
{
    /// <summary>Current minus baseline.</summary>
    public double Delta => Current - Baseline;
}
