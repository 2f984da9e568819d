using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using SupportAssist.Text;

namespace SupportAssist.Infrastructure.Text;

/// <summary>
/// Per-language Snowball stems (Spanish, French, German, Portuguese) for the keyword index, where SQLite's English
/// Porter stemmer used to be applied to every language. Words are folded (lowercase, accents removed, as <see cref="TextTokens.Words"/>
/// gives them) before they are stemmed, so that a question typed without accents stems as its accented article does.
/// </summary>
internal static class SnowballStems
{
    // A Snowball program holds the word it is stemming: one per thread and language.
    [ThreadStatic] private static Dictionary<string, SnowballProgram>? _programs;

    /// <summary>Whether <paramref name="language"/> (a primary subtag) is stemmed here rather than by SQLite's Porter stemmer.</summary>
    public static bool Covers(string? language) => language is "es" or "fr" or "de" or "pt";

    /// <summary>The stem of one folded word in <paramref name="language"/>; the word itself when the language is not covered.</summary>
    public static string Stem(string word, string language)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (!Covers(language) || word.Length == 0) return word;
        var programs = _programs ??= new Dictionary<string, SnowballProgram>(StringComparer.Ordinal);
        if (!programs.TryGetValue(language, out var program))
        {
            program = language switch
            {
                "es" => new SpanishStemmer(),
                "fr" => new FrenchStemmer(),
                "de" => new GermanStemmer(),
                _ => new PortugueseStemmer(),
            };
            programs[language] = program;
        }
        program.SetCurrent(word);
        program.Stem();
        return program.Current;
    }

    /// <summary>
    /// <paramref name="text"/> as the stems of its words, space-separated, for a full-text column; the text itself
    /// when the language is not covered (SQLite's tokenizer then does the work, as before).
    /// </summary>
    public static string StemText(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Covers(language)) return text;
        var stems = new StringBuilder(text.Length);
        foreach (var word in TextTokens.Words(text))
        {
            if (stems.Length > 0) stems.Append(' ');
            stems.Append(Stem(word, language));
        }
        return stems.ToString();
    }
}
