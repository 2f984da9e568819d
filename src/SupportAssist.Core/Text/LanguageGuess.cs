namespace SupportAssist.Text;

/// <summary>
/// Guesses the language of a short support message from its script (Japanese kana) and, for Latin script, from
/// its function words and distinctive letters (ñ, ä, ã, è, …). Measured on evals/datasets/languages.jsonl
/// (180 short tickets, 30 in each language); the figure is in the README.
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

    // The most frequent function words of each language (articles, pronouns, prepositions, auxiliaries), which
    // short tickets are made of whatever their topic.
    private static readonly Dictionary<string, HashSet<string>> FunctionWords = new(StringComparer.Ordinal)
    {
        ["en"] = Words("the a an and or but is are was were be been have has had do does did not no my our your we you i it this that these those of to in on at for from with about by can could will would should how what why when where which who please thanks got an me us there"),
        ["es"] = Words("el la los las un una unos unas y o pero es son fue ser estar está están he ha han no mi mis nuestro nuestra su sus de del al a en con por para sin sobre qué cómo por qué cuándo dónde que se me nos le lo gracias hola cuando donde como muy ya también todavía"),
        ["fr"] = Words("le la les l un une des du de et ou mais est sont été être avoir a ont ai ne pas mon ma mes notre nos votre vos son sa ses je nous vous il elle on en dans pour par avec sans sur au aux ce cette ces qui que quoi comment pourquoi quand où merci bonjour peut puis très déjà encore"),
        ["de"] = Words("der die das den dem des ein eine einen einem einer und oder aber ist sind war wurde wurden werden sein haben hat habe nicht kein keine mein meine unser unsere unserem ihr ihre ich wir sie es mit von zu im in auf aus bei für nach seit über was wie warum wann wo nur noch auch schon kann können danke bitte hallo heute alle"),
        ["pt"] = Words("o a os as um uma uns umas e ou mas é são foi ser estar está estão não meu minha nosso nossa seu sua de do da dos das no na nos nas em com por para sem sobre ao aos que como porque quando onde obrigado obrigada olá você vocês foi sendo todos hoje desde tem têm também já ainda"),
    };

    // Letters one language uses and the others here rarely or never do.
    private static readonly Dictionary<string, string> Letters = new(StringComparer.Ordinal)
    {
        ["es"] = "ñ¿¡",
        ["fr"] = "èêàùâîûœë",
        ["de"] = "äöüß",
        ["pt"] = "ãõ",
    };

    private static HashSet<string> Words(string list) => new(list.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

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

        var lower = text.ToLowerInvariant();
        var words = lower.Split([' ', '\n', '\r', '\t', ',', '.', '!', '?', '¿', '¡', ';', ':', '(', ')', '"', '\'', '’'], StringSplitOptions.RemoveEmptyEntries);
        var best = English;
        var bestScore = 0;
        foreach (var (code, list) in FunctionWords)
        {
            // A distinctive letter counts as two function words: it is rarer, and surer.
            var score = words.Count(list.Contains) + 2 * (Letters.TryGetValue(code, out var marks) ? lower.Count(marks.Contains) : 0);
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
