namespace SupportAssist.Evals.Reports;

/// <summary>A histogram of <see cref="Values"/> (latencies in milliseconds) in <see cref="Bins"/> equal bins.</summary>
public sealed record Histogram(string Title, IReadOnlyList<double> Values, int Bins = 20) : Chart(Title);
