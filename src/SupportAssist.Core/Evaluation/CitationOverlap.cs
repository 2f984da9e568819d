namespace SupportAssist.Evaluation;

/// <summary>Citation precision and recall of one draft against the articles its reference reply relies on.</summary>
public static class CitationOverlap
{
    /// <summary>(precision, recall): precision NaN when nothing is cited, recall NaN when nothing is expected.</summary>
    public static (double Precision, double Recall) Of(IReadOnlySet<string> cited, IReadOnlySet<string> expected)
    {
        ArgumentNullException.ThrowIfNull(cited);
        ArgumentNullException.ThrowIfNull(expected);
        var hits = cited.Count(expected.Contains);
        return (cited.Count == 0 ? double.NaN : hits / (double)cited.Count, expected.Count == 0 ? double.NaN : hits / (double)expected.Count);
    }
}
