using System.Globalization;
using System.Text;

namespace SupportAssist.Embeddings.Tests;

/// <summary>
/// The model card's tokenizer recipe written out plainly, as the oracle our tokenizer is checked against:
/// BERT's basic tokenizer for an uncased vocabulary (drop NUL, U+FFFD and control characters, turn whitespace
/// into spaces, put spaces around CJK ideographs, NFC, split on whitespace, lower-case, strip accents by NFD and
/// dropping non-spacing marks, split off every punctuation character) followed by greedy longest-match-first
/// WordPiece with <c>##</c> continuations, a word of over 100 characters or with no match becoming <c>[UNK]</c>;
/// special tokens written in the text stay those tokens; then <c>[CLS]</c> … <c>[SEP]</c>, at most 512 ids. Slow
/// and simple on purpose.
/// </summary>
internal sealed class ReferenceTokenizer
{
    private const int MaxWordChars = 100;
    private readonly Dictionary<string, int> _vocabulary;

    public ReferenceTokenizer(IEnumerable<string> vocabularyLines)
    {
        _vocabulary = vocabularyLines.Select((token, id) => (token, id)).ToDictionary(p => p.token, p => p.id, StringComparer.Ordinal);
    }

    public long[] Encode(string text, int maxTokens = 512)
    {
        var ids = new List<long> { _vocabulary["[CLS]"] };
        foreach (var piece in SpecialTokenSplit(text).SelectMany(part => part.Special ? [_vocabulary[part.Text]] : BasicTokens(part.Text).SelectMany(WordPieces)))
        {
            if (ids.Count == maxTokens - 1) break;
            ids.Add(piece);
        }
        ids.Add(_vocabulary["[SEP]"]);
        return [.. ids];
    }

    // Special tokens written in the text, exactly as spelt, are those tokens (never split or lower-cased).
    private static IEnumerable<(string Text, bool Special)> SpecialTokenSplit(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var next = SpecialTokens.Select(s => (Token: s, At: text.IndexOf(s, start, StringComparison.Ordinal))).Where(p => p.At >= 0).OrderBy(p => p.At).FirstOrDefault();
            if (next.Token is null)
            {
                yield return (text[start..], false);
                yield break;
            }
            if (next.At > start) yield return (text[start..next.At], false);
            yield return (next.Token, true);
            start = next.At + next.Token.Length;
        }
    }

    private static readonly string[] SpecialTokens = ["[CLS]", "[SEP]", "[PAD]", "[MASK]", "[UNK]"];

    private static IEnumerable<string> BasicTokens(string text)
    {
        var cleaned = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is 0 or 0xFFFD || IsControl(rune)) continue;
            if (IsWhitespace(rune)) cleaned.Append(' ');
            else if (IsCjk(rune.Value)) cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            else cleaned.Append(rune.ToString());
        }
        var normalized = cleaned.ToString().Normalize(NormalizationForm.FormC);
        foreach (var token in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var stripped = new StringBuilder();
            // Full lower-casing: U+0130 (I with dot above) becomes i and a combining dot, as in Unicode's SpecialCasing.
            var lower = token.Replace("\u0130", "i\u0307", StringComparison.Ordinal).ToLowerInvariant();
            foreach (var rune in lower.Normalize(NormalizationForm.FormD).EnumerateRunes())
                if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark) stripped.Append(rune.ToString());
            var current = new StringBuilder();
            foreach (var rune in stripped.ToString().EnumerateRunes())
            {
                if (IsPunctuation(rune))
                {
                    if (current.Length > 0) yield return current.ToString();
                    current.Clear();
                    yield return rune.ToString();
                }
                else current.Append(rune.ToString());
            }
            if (current.Length > 0) yield return current.ToString();
        }
    }

    private List<long> WordPieces(string word)
    {
        var unknown = new List<long> { _vocabulary["[UNK]"] };
        if (word.EnumerateRunes().Count() > MaxWordChars) return unknown;
        var pieces = new List<long>();
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            int? found = null;
            while (start < end)
            {
                var candidate = (start > 0 ? "##" : "") + word[start..end];
                if (_vocabulary.TryGetValue(candidate, out var id))
                {
                    found = id;
                    break;
                }
                end--;
                if (end > start && char.IsLowSurrogate(word[end])) end--;
            }
            if (found is null) return unknown;
            pieces.Add(found.Value);
            start = end;
        }
        return pieces;
    }

    private static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r') return false;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    private static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    private static bool IsPunctuation(Rune rune)
    {
        var cp = rune.Value;
        if (cp is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126) return true;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(int cp) =>
        cp is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
