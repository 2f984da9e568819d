using System.Text.RegularExpressions;

namespace SupportAssist.Evaluation;

/// <summary>
/// How much a written text overlaps a reference: ROUGE-L (F-measure of the longest common subsequence of words)
/// and token F1 (overlap of the two bags of words). Words are lowercase runs of letters and digits; citation
/// markers such as [2] are left out.
/// </summary>
public static partial class TextOverlap
{
    /// <summary>ROUGE-L F1 of <paramref name="candidate"/> against <paramref name="reference"/>; 0 when either has no words.</summary>
    public static double RougeL(string candidate, string reference)
    {
        var c = Words(candidate);
        var r = Words(reference);
        if (c.Count == 0 || r.Count == 0) return 0;
        // Two rows of the LCS table are enough.
        var previous = new int[r.Count + 1];
        var current = new int[r.Count + 1];
        for (var i = 1; i <= c.Count; i++)
        {
            for (var j = 1; j <= r.Count; j++)
                current[j] = c[i - 1] == r[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        var lcs = previous[r.Count];
        if (lcs == 0) return 0;
        var precision = lcs / (double)c.Count;
        var recall = lcs / (double)r.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>Token F1: the words both texts share (counted with multiplicity) against each text's length.</summary>
    public static double TokenF1(string candidate, string reference)
    {
        var c = Words(candidate);
        var r = Words(reference);
        if (c.Count == 0 || r.Count == 0) return 0;
        var counts = r.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var shared = 0;
        foreach (var word in c)
        {
            if (counts.TryGetValue(word, out var left) && left > 0)
            {
                shared++;
                counts[word] = left - 1;
            }
        }
        if (shared == 0) return 0;
        var precision = shared / (double)c.Count;
        var recall = shared / (double)r.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>The words of <paramref name="text"/>, lowercase, citation markers left out.</summary>
    public static List<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Word().Matches(Marker().Replace(text, " ").ToLowerInvariant()).Select(m => m.Value).ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\[\d+(?:\s*,\s*\d+)*\]")]
    private static partial Regex Marker();
}
