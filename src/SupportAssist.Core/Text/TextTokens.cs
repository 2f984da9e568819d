using System.Globalization;
using System.Text;

namespace SupportAssist.Text;

/// <summary>Word tokens for snippets, diversity and keyword queries: lowercase letters and digits, accents removed.</summary>
public static class TextTokens
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from", "how", "i",
        "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their", "there",
        "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
        "de", "la", "el", "en", "y", "que", "los", "las", "un", "una", "por", "con", "para", "mi", "es", "se", "lo",
    };

    /// <summary>The words of <paramref name="text"/> in order, lowercase, without diacritics.</summary>
    public static List<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    /// <summary>Whether <paramref name="word"/> (lowercase) is a common English or Spanish function word.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>Distinct content words: <see cref="Words"/> without common English and Spanish function words.</summary>
    public static List<string> ContentWords(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var word in Words(text))
        {
            if (!StopWords.Contains(word) && seen.Add(word)) result.Add(word);
        }
        return result;
    }


    /// <summary>A light suffix-stripping stem (plural, -ed, -ing), good enough to match query words to snippet words.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stem = word;
        if (stem.Length > 4 && stem.EndsWith("ies", StringComparison.Ordinal)) stem = stem[..^3] + "y";
        else if (stem.EndsWith("sses", StringComparison.Ordinal)) stem = stem[..^2];
        else if (stem.Length > 3 && stem.EndsWith('s') && !stem.EndsWith("ss", StringComparison.Ordinal)) stem = stem[..^1];
        if (stem.Length > 5 && stem.EndsWith("ing", StringComparison.Ordinal)) stem = stem[..^3];
        else if (stem.Length > 4 && stem.EndsWith("ed", StringComparison.Ordinal)) stem = stem[..^2];
        if (stem.Length > 4 && stem.EndsWith('e')) stem = stem[..^1];
        return stem;
    }
}
