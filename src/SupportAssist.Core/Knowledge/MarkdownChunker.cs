using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportAssist.Knowledge;

/// <summary>
/// Cuts an article along its Markdown headings: one chunk per section, long sections split at
/// paragraph, then sentence, then word boundaries with an overlap, each chunk keeping its heading path.
/// </summary>
public sealed partial class MarkdownChunker(int maxChunkChars, int overlapChars)
{
    private const string PathSeparator = " > ";

    /// <summary>Cuts <paramref name="article"/> into chunks in reading order.</summary>
    public IReadOnlyList<Chunk> Chunk(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var chunks = new List<Chunk>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in ReadSections(article))
        {
            foreach (var piece in Split(section.Text))
            {
                var headingPath = section.HeadingPath;
                var hash = ContentHash(headingPath + "\n" + piece);
                var id = $"{article.Id}#{hash[..10]}";
                if (!usedIds.Add(id))
                {
                    id = $"{id}-{chunks.Count}";
                    usedIds.Add(id);
                }
                chunks.Add(new Chunk(id, article.Id, chunks.Count, article.Title, article.Url, headingPath, piece, hash,
                    article.Audience, article.Locale, article.ProductArea));
            }
        }
        return chunks;
    }

    /// <summary>Lowercase hex SHA-256 of <paramref name="text"/> in UTF-8.</summary>
    public static string ContentHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static List<(string HeadingPath, string Text)> ReadSections(Article article)
    {
        var sections = new List<(string, string)>();
        var headings = new List<(int Level, string Text)>();
        var text = new StringBuilder();
        var inFence = false;
        string? fenceMarker = null;

        void Flush()
        {
            var body = text.ToString().Trim();
            text.Clear();
            if (body.Length == 0) return;
            var path = new StringBuilder(article.Title);
            foreach (var (level, heading) in headings)
            {
                // The H1 usually repeats the title; it adds nothing to the path.
                if (level == 1 && string.Equals(heading, article.Title, StringComparison.OrdinalIgnoreCase)) continue;
                path.Append(PathSeparator).Append(heading);
            }
            sections.Add((path.ToString(), body));
        }

        foreach (var rawLine in article.Body.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var marker = trimmed[..3];
                if (!inFence) { inFence = true; fenceMarker = marker; }
                else if (marker == fenceMarker) { inFence = false; fenceMarker = null; }
            }
            else if (!inFence && HeadingPattern().Match(line) is { Success: true } match)
            {
                Flush();
                var level = match.Groups[1].Length;
                headings.RemoveAll(h => h.Level >= level);
                headings.Add((level, match.Groups[2].Value.Trim()));
                continue;
            }
            text.Append(line).Append('\n');
        }
        Flush();
        return sections;
    }

    private List<string> Split(string text)
    {
        if (text.Length <= maxChunkChars) return [text];

        // Pack paragraphs (then sentences, then words) into pieces no longer than the budget.
        var units = new List<string>();
        foreach (var paragraph in ParagraphBreak().Split(text))
        {
            var p = paragraph.Trim();
            if (p.Length == 0) continue;
            if (p.Length <= maxChunkChars) { units.Add(p); continue; }
            foreach (var sentence in SentenceBreak().Split(p))
            {
                if (sentence.Length <= maxChunkChars) { units.Add(sentence); continue; }
                units.AddRange(SplitAtWords(sentence, maxChunkChars));
            }
        }

        var pieces = new List<string>();
        var current = new StringBuilder();
        foreach (var unit in units)
        {
            if (current.Length > 0 && current.Length + 2 + unit.Length > maxChunkChars)
            {
                var finished = current.ToString();
                pieces.Add(finished);
                current.Clear();
                var overlap = Tail(finished, Math.Min(overlapChars, maxChunkChars - unit.Length - 2));
                if (overlap.Length > 0) current.Append(overlap).Append("\n\n");
            }
            if (current.Length > 0 && !current.ToString().EndsWith("\n\n", StringComparison.Ordinal)) current.Append("\n\n");
            current.Append(unit);
        }
        if (current.Length > 0) pieces.Add(current.ToString());
        return pieces;
    }

    // The last sentence(s) or words of a piece, at most maxChars long, cut on a word boundary.
    private static string Tail(string text, int maxChars)
    {
        if (maxChars <= 0) return string.Empty;
        if (text.Length <= maxChars) return text;
        var start = text.Length - maxChars;
        var space = text.IndexOf(' ', start);
        return space < 0 ? string.Empty : text[(space + 1)..].TrimStart();
    }

    private static IEnumerable<string> SplitAtWords(string text, int maxChars)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(start + maxChars, text.Length);
            if (end < text.Length)
            {
                var space = text.LastIndexOf(' ', end - 1, end - start);
                if (space > start) end = space;
            }
            yield return text[start..end].Trim();
            start = end;
        }
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=\S)")]
    private static partial Regex SentenceBreak();
}
