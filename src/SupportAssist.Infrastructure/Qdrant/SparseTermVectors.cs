using System.Text;
using Qdrant.Client.Grpc;
using SupportAssist.Knowledge;
using SupportAssist.Retrieval;
using SupportAssist.Text;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// BM25 as sparse vectors. A chunk's vector holds, per term, BM25's saturated term frequency
/// tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)), with tf weighted by field like the SQLite index (title, headings,
/// body); a query's vector holds 1 per distinct term. Qdrant's <c>idf</c> modifier multiplies each query term by
/// its inverse document frequency over the collection at search time, so the dot product is a BM25 score.
/// Terms are lowercase words without diacritics or stop words, stemmed lightly, hashed to 32-bit indices (FNV-1a).
/// </summary>
public static class SparseTermVectors
{
    /// <summary>Changes when the weighting or the term hashing changes; recorded in the collection's metadata.</summary>
    public const string Version = "bm25-fnv1a-v1";

    private const double K1 = 1.2;
    private const double B = 0.75;

    // A typical chunk's weighted length in terms; a fixed constant keeps a chunk's vector independent of the others.
    private const double AverageLength = 120;

    /// <summary>The vector of a chunk to store.</summary>
    public static SparseVector ForChunk(Chunk chunk, RetrievalOptions options)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(options);
        var frequencies = new Dictionary<uint, double>();
        var length = 0.0;
        // The heading path starts with the title, which is its own field: count it once.
        var headings = chunk.HeadingPath.StartsWith(chunk.Title, StringComparison.Ordinal) ? chunk.HeadingPath[chunk.Title.Length..] : chunk.HeadingPath;
        length += Add(frequencies, chunk.Title, options.TitleWeight);
        length += Add(frequencies, headings, options.HeadingWeight);
        length += Add(frequencies, chunk.Text, options.BodyWeight);
        var norm = K1 * (1 - B + B * length / AverageLength);
        return Sorted(frequencies.Select(p => (p.Key, (float)(p.Value * (K1 + 1) / (p.Value + norm)))));
    }

    /// <summary>The vector of a query: each distinct term once, weight 1; null when the query has no term.</summary>
    public static SparseVector? ForQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = TextTokens.ContentWords(query);
        if (words.Count == 0) words = TextTokens.Words(query).Distinct(StringComparer.Ordinal).ToList();
        var indices = words.Select(w => Index(TextTokens.Stem(w))).Distinct().ToList();
        return indices.Count == 0 ? null : Sorted(indices.Select(i => (i, 1f)));
    }

    /// <summary>The 32-bit FNV-1a hash of a term's UTF-8 bytes.</summary>
    public static uint Index(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(term)) hash = (hash ^ b) * 16777619u;
        return hash;
    }

    private static double Add(Dictionary<uint, double> frequencies, string text, double weight)
    {
        if (weight <= 0) return 0;
        var count = 0;
        foreach (var word in TextTokens.Words(text))
        {
            if (TextTokens.IsStopWord(word)) continue;
            var index = Index(TextTokens.Stem(word));
            frequencies[index] = frequencies.GetValueOrDefault(index) + weight;
            count++;
        }
        return count * weight;
    }

    private static SparseVector Sorted(IEnumerable<(uint Index, float Weight)> terms)
    {
        var ordered = terms.OrderBy(t => t.Index).ToList();
        return new SparseVector { Indices = { ordered.Select(t => t.Index) }, Values = { ordered.Select(t => t.Weight) } };
    }
}
