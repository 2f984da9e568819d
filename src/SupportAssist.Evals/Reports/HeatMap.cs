namespace SupportAssist.Evals.Reports;

/// <summary>A confusion heat map: <c>Counts[gold][predicted]</c> over <see cref="Labels"/>.</summary>
public sealed record HeatMap(string Title, IReadOnlyList<string> Labels, int[][] Counts) : Chart(Title);
