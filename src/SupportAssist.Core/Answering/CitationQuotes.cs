using System.Text.RegularExpressions;
using SupportAssist.Retrieval;

namespace SupportAssist.Answering;

/// <summary>
/// The citations of a written answer: for each passage it cites, the passage sentence that best supports the
/// answer's sentences citing it, so the reader sees the words the claim rests on.
/// </summary>
public static partial class CitationQuotes
{
    /// <summary>One citation per offered passage that <paramref name="answer"/> cites, in order of first citation.</summary>
    public static IReadOnlyList<Citation> Of(string answer, IReadOnlyList<Passage> passages, int maxQuoteChars = 300)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(passages);
        var byNumber = passages.ToDictionary(p => p.Number);
        var check = CitationCheck.Of(answer, byNumber.Keys.ToList());
        var claims = Sentences().Split(answer);
        return check.Cited.Select(number =>
        {
            var passage = byNumber[number];
            var claim = string.Join(" ", claims.Where(c => CitationCheck.Of(c, [number]).Cited.Count > 0));
            return Citation.Of(passage, BestSentence(passage.Chunk.Text, claim, maxQuoteChars));
        }).ToList();
    }

    private static string BestSentence(string passageText, string claim, int maxChars)
    {
        var claimStems = SnippetBuilder.QueryStems(claim);
        var best = "";
        var bestShared = -1;
        foreach (var line in passageText.Split('\n'))
        {
            foreach (var sentence in Sentences().Split(line.Trim().TrimStart('-', '*', '#', ' ')))
            {
                var text = sentence.Trim();
                if (text.Length == 0) continue;
                var shared = SnippetBuilder.QueryStems(text).Count(claimStems.Contains);
                if (shared > bestShared)
                {
                    best = text;
                    bestShared = shared;
                }
            }
        }
        return best.Length <= maxChars ? best : best[..maxChars].TrimEnd() + "…";
    }

    [GeneratedRegex(@"(?<=[.!?](?:\s*\[\d+(?:\s*,\s*\d+)*\])*)\s+(?=\S)")]
    private static partial Regex Sentences();
}
