using SupportAssist.Knowledge;
using SupportAssist.Retrieval;

namespace SupportAssist.Policy;

/// <summary>
/// How well one of the passages covers the question's words: the largest share of the question's content-word
/// stems found in a single passage (title, headings and text).
/// </summary>
public static class LexicalCoverage
{
    /// <summary>Coverage in [0, 1] of <paramref name="question"/> by the best of <paramref name="chunks"/>.</summary>
    public static double Of(string question, IEnumerable<Chunk> chunks) => Of(SnippetBuilder.QueryStems(question), chunks);

    /// <summary>Coverage in [0, 1] of the question's <paramref name="stems"/> by the best of <paramref name="chunks"/>.</summary>
    public static double Of(IReadOnlySet<string> stems, IEnumerable<Chunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(stems);
        ArgumentNullException.ThrowIfNull(chunks);
        if (stems.Count == 0) return 0;
        var best = 0;
        foreach (var chunk in chunks)
        {
            var words = SnippetBuilder.QueryStems(chunk.Title + " " + chunk.HeadingPath + " " + chunk.Text);
            best = Math.Max(best, stems.Count(words.Contains));
        }
        return best / (double)stems.Count;
    }
}
