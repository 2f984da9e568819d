namespace SupportAssist.Evals.Reports;

/// <summary>Grouped bars, values in [0, 1]: one group per category, one bar per series.</summary>
public sealed record BarChart(string Title, IReadOnlyList<string> Categories, IReadOnlyDictionary<string, IReadOnlyList<double>> Series) : Chart(Title);
