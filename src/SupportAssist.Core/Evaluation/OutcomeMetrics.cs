using SupportAssist.Outcomes;
using SupportAssist.Retrieval;

namespace SupportAssist.Evaluation;

/// <summary>
/// What the logged outcomes say: how often deflection answers, how often answers help or users contact support
/// anyway, how often agents accept drafts and how much they edit them, and which questions went unanswered.
/// </summary>
public static class OutcomeMetrics
{
    /// <summary>Word-level edit distance between two texts, divided by the longer one's word count (0 = same, 1 = nothing kept).</summary>
    public static double NormalisedEditDistance(string a, string b)
    {
        var x = TextOverlap.Words(a);
        var y = TextOverlap.Words(b);
        if (x.Count == 0 && y.Count == 0) return 0;
        var previous = Enumerable.Range(0, y.Count + 1).ToArray();
        var current = new int[y.Count + 1];
        for (var i = 1; i <= x.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= y.Count; j++)
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[y.Count] / (double)Math.Max(x.Count, y.Count);
    }

    /// <summary>
    /// Unanswered questions (deflections that ended in suggestions or with a person, handoffs aside) grouped greedily:
    /// a question joins the first cluster whose representative shares at least <paramref name="similarity"/> of
    /// their content words (Jaccard); largest clusters first.
    /// </summary>
    public static IReadOnlyList<QuestionCluster> ContentGaps(IEnumerable<Outcome> deflections, double similarity = 0.3)
    {
        ArgumentNullException.ThrowIfNull(deflections);
        var clusters = new List<(string Representative, HashSet<string> Stems, List<Guid> Ids)>();
        foreach (var outcome in deflections.Where(o => o.Kind == "deflection" && o.Decision != "answer" && !o.Reasons.Any(r => r.StartsWith("needs a person", StringComparison.Ordinal))))
        {
            var stems = SnippetBuilder.QueryStems(outcome.Input);
            if (stems.Count == 0) continue;
            var home = clusters.FirstOrDefault(c => Jaccard(c.Stems, stems) >= similarity);
            if (home.Ids is null) clusters.Add((outcome.Input, stems, [outcome.Id]));
            else home.Ids.Add(outcome.Id);
        }
        return clusters.OrderByDescending(c => c.Ids.Count).Select(c => new QuestionCluster(c.Representative, c.Ids.Count, c.Ids)).ToList();
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var shared = a.Count(b.Contains);
        var union = a.Count + b.Count - shared;
        return union == 0 ? 0 : shared / (double)union;
    }
}
