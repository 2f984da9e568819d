using SupportAssist.Knowledge;

namespace SupportAssist.Retrieval;

/// <summary>
/// Reciprocal rank fusion (Cormack et al., 2009): score(d) = sum over lists of 1 / (k + rank(d)), ranks from 1.
/// Rank-based, so retrievers with incomparable score scales fuse without calibration. A list of weight w counts
/// its ranks as rank / w (weight 2: its second result scores as another list's first), Qdrant's weighted RRF,
/// so fusing here and fusing in Qdrant rank alike.
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>Fuses ranked lists; ties go to the better single rank, then to the chunk id, so the order is deterministic.</summary>
    public static IReadOnlyList<FusedChunk> Fuse(IReadOnlyList<RankedList> lists, int k)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var byId = new Dictionary<string, (Chunk Chunk, double Score, List<RetrieverHit> Sources)>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            for (var i = 0; i < list.Hits.Count; i++)
            {
                var hit = list.Hits[i];
                var rank = i + 1;
                if (!byId.TryGetValue(hit.Chunk.Id, out var entry))
                    entry = (hit.Chunk, 0, []);
                // A retriever listing the same chunk twice counts once, at its better rank.
                if (entry.Sources.Exists(s => s.Retriever == list.Retriever)) continue;
                entry.Sources.Add(new RetrieverHit(list.Retriever, rank, hit.Score));
                byId[hit.Chunk.Id] = (entry.Chunk, entry.Score + Contribution(rank, k, list.Weight), entry.Sources);
            }
        }
        var fused = byId.Values.Select(e => new FusedChunk(e.Chunk, e.Score, e.Sources)).ToList();
        fused.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0) return byScore;
            var byRank = a.BestRank.CompareTo(b.BestRank);
            return byRank != 0 ? byRank : string.CompareOrdinal(a.Chunk.Id, b.Chunk.Id);
        });
        return fused;
    }

    /// <summary>The highest score a chunk can reach: rank 1 in every list, the lists weighted <paramref name="weights"/>.</summary>
    public static double MaxScore(IEnumerable<double> weights, int k) => weights.Sum(w => Contribution(1, k, w));

    /// <summary>What rank <paramref name="rank"/> (from 1) of a list of weight <paramref name="weight"/> adds.</summary>
    public static double Contribution(int rank, int k, double weight) => weight <= 0 ? 0 : 1.0 / (k + rank / weight);
}
