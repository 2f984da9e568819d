namespace SupportAssist.Evaluation;

/// <summary>Latency percentiles in milliseconds (nearest rank).</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    /// <summary>The percentiles of <paramref name="milliseconds"/>.</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0) return new LatencySummary(0, 0, 0, 0, 0);
        var sorted = milliseconds.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Math.Round(At(0.5), 3), Math.Round(At(0.9), 3), Math.Round(At(0.99), 3), Math.Round(sorted[^1], 3));
    }
}
