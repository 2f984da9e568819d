namespace SupportAssist.Evals.Pii;

/// <summary>The scores of a run of the redactor over a labelled PII set.</summary>
public sealed record PiiScore(
    IReadOnlyList<PiiOutcome> Outcomes,
    int CleanMessages,
    IReadOnlyList<string> FalsePositiveMessages,
    int Findings,
    int SpuriousFindings)
{
    /// <summary>Share of labelled values of <paramref name="kind"/> (all kinds when null) found.</summary>
    public double Recall(string? kind = null, string? language = null)
    {
        var of = Outcomes.Where(o => (kind is null || o.Kind == kind) && (language is null || o.Language == language)).ToList();
        return of.Count == 0 ? double.NaN : of.Count(o => o.Found) / (double)of.Count;
    }

    /// <summary>Share of PII-free messages in which the redactor found anything.</summary>
    public double FalsePositiveRate => CleanMessages == 0 ? double.NaN : FalsePositiveMessages.Count / (double)CleanMessages;

    /// <summary>Share of all findings that touch no labelled value.</summary>
    public double SpuriousRate => Findings == 0 ? 0 : SpuriousFindings / (double)Findings;

    /// <summary>Share of found values whose finding has the label's kind.</summary>
    public double KindAccuracy => Outcomes.Count(o => o.Found) is var found and > 0 ? Outcomes.Count(o => o.Found && o.KindMatches) / (double)found : double.NaN;
}
