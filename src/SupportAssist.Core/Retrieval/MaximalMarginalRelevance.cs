using SupportAssist.Text;

namespace SupportAssist.Retrieval;

/// <summary>
/// Maximal marginal relevance (Carbonell and Goldstein, 1998) over candidates' best chunks, with word-set
/// Jaccard similarity so it needs no vectors and works the same for every embedder.
/// </summary>
internal static class MaximalMarginalRelevance
{
    public static List<FusedChunk> Select(IReadOnlyList<FusedChunk> candidates, int limit, double lambda)
    {
        var remaining = candidates.ToList();
        var words = candidates.ToDictionary(c => c.Chunk.Id, c => TextTokens.ContentWords(c.Chunk.Text).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var top = candidates.Count == 0 ? 1.0 : candidates[0].Score;
        var selected = new List<FusedChunk>(Math.Min(limit, candidates.Count));
        while (selected.Count < limit && remaining.Count > 0)
        {
            var bestIndex = 0;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < remaining.Count; i++)
            {
                var redundancy = 0.0;
                foreach (var chosen in selected)
                    redundancy = Math.Max(redundancy, Jaccard(words[remaining[i].Chunk.Id], words[chosen.Chunk.Id]));
                var value = lambda * (remaining[i].Score / top) - (1 - lambda) * redundancy;
                if (value > bestValue) { bestValue = value; bestIndex = i; }
            }
            selected.Add(remaining[bestIndex]);
            remaining.RemoveAt(bestIndex);
        }
        return selected;
    }

    internal static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 0;
        var shared = a.Count(b.Contains);
        return shared / (double)(a.Count + b.Count - shared);
    }
}
