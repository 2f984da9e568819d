namespace SupportAssist.Text;

/// <summary>A language: its primary subtag and its English name (how prompts name it).</summary>
public sealed record Language(string Code, string Name);

/// <summary>
/// Guesses the language of a short support message from its script (Japanese kana, CJK) and, for Latin
/// script, from its most frequent function words. Good enough to answer a ticket in its own language; the
/// triage issue brings a measured detector.
/// </summary>
public static class LanguageGuess
{
    /// <summary>English, the answer when nothing else is evident.</summary>
    public static Language English { get; } = new("en", "English");

    /// <summary>The languages this guess tells apart, by primary subtag.</summary>
    public static IReadOnlyDictionary<string, Language> Known { get; } = new Dictionary<string, Language>(StringComparer.Ordinal)
    {
        ["en"] = English,
        ["es"] = new("es", "Spanish"),
        ["fr"] = new("fr", "French"),
        ["de"] = new("de", "German"),
        ["pt"] = new("pt", "Portuguese"),
        ["ja"] = new("ja", "Japanese"),
    };

    private static readonly Dictionary<string, string[]> FunctionWords = new(StringComparer.Ordinal)
    {
        ["en"] = ["the", "and", "is", "my", "to", "i", "it", "of", "you", "not", "was", "have", "with", "for", "can", "how", "what", "why", "this", "please"],
        ["es"] = ["el", "la", "de", "que", "y", "en", "los", "mi", "no", "por", "es", "una", "con", "para", "cómo", "qué", "pero", "las", "del", "gracias"],
        ["fr"] = ["le", "la", "les", "de", "et", "est", "je", "mon", "ne", "pas", "une", "des", "pour", "avec", "que", "vous", "comment", "pourquoi", "merci", "du"],
        ["de"] = ["der", "die", "das", "und", "ist", "ich", "nicht", "mein", "meine", "ein", "eine", "mit", "für", "wie", "warum", "bitte", "zu", "auf", "den", "danke"],
        ["pt"] = ["o", "a", "de", "que", "e", "não", "meu", "minha", "um", "uma", "para", "com", "como", "por", "é", "os", "do", "da", "obrigado", "você"],
    };

    /// <summary>The language of <paramref name="text"/>, or English when no language is evident.</summary>
    public static Language Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kana = 0;
        var letters = 0;
        foreach (var c in text)
        {
            if (c is >= '\u3040' and <= '\u30FF') kana++;
            if (char.IsLetter(c)) letters++;
        }
        if (kana > 0 && kana * 10 >= letters) return Known["ja"];

        var words = text.ToLowerInvariant()
            .Split([' ', '\n', '\r', '\t', ',', '.', '!', '?', '¿', '¡', ';', ':', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
        var best = English;
        var bestScore = 0;
        foreach (var (code, list) in FunctionWords)
        {
            var score = words.Count(w => list.Contains(w, StringComparer.Ordinal));
            if (score > bestScore)
            {
                best = Known[code];
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The language named by a locale tag (<c>es-MX</c> gives Spanish), or null when it is not one of <see cref="Known"/>.</summary>
    public static Language? OfLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        var code = (dash < 0 ? locale : locale[..dash]).ToLowerInvariant();
        return Known.GetValueOrDefault(code);
    }
}
