using System.Text;
using System.Text.RegularExpressions;
using SupportAssist.Text;

namespace SupportAssist.Retrieval;

/// <summary>Picks the passage of a chunk that best matches the query and trims it to a snippet.</summary>
public static partial class SnippetBuilder
{
    /// <summary>The sentence with the most query stems, followed by its neighbours up to <paramref name="maxChars"/>.</summary>
    public static string Build(string chunkText, IReadOnlyCollection<string> queryStems, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(chunkText);
        ArgumentNullException.ThrowIfNull(queryStems);
        var plain = Whitespace().Replace(MarkdownStructure().Replace(Emphasis().Replace(chunkText, string.Empty), " "), " ").Trim();
        var sentences = SentenceBreak().Split(plain);
        var best = 0;
        var bestHits = -1;
        for (var i = 0; i < sentences.Length; i++)
        {
            var hits = 0;
            foreach (var word in TextTokens.ContentWords(sentences[i]))
            {
                if (queryStems.Contains(TextTokens.Stem(word))) hits++;
            }
            if (hits > bestHits) { best = i; bestHits = hits; }
        }

        var snippet = new StringBuilder();
        var next = best;
        while (next < sentences.Length && snippet.Length < maxChars)
        {
            if (snippet.Length > 0) snippet.Append(' ');
            snippet.Append(sentences[next++]);
        }
        var text = snippet.ToString();
        var truncated = text.Length > maxChars;
        if (truncated)
        {
            var cut = text.LastIndexOf(' ', maxChars - 1);
            text = text[..(cut > maxChars / 2 ? cut : maxChars - 1)].TrimEnd(',', ';', ':', ' ');
        }
        var prefix = best > 0 ? "… " : string.Empty;
        var suffix = truncated || next < sentences.Length ? " …" : string.Empty;
        return prefix + text + suffix;
    }

    /// <summary>The stems of a query's content words, for <see cref="Build"/>.</summary>
    public static HashSet<string> QueryStems(string query) =>
        TextTokens.ContentWords(query).Select(TextTokens.Stem).ToHashSet(StringComparer.Ordinal);

    // Markdown markup that means nothing in a one-line snippet: emphasis and code marks go, structure becomes a space.
    [GeneratedRegex(@"(\*\*|__|`+)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"(\|[\s:-]*\|?|^\s*[-*+]\s+|^\s*\d+\.\s+|#+\s)", RegexOptions.Multiline)]
    private static partial Regex MarkdownStructure();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=\S)")]
    private static partial Regex SentenceBreak();
}
