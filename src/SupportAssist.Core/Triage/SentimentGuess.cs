using System.Text.RegularExpressions;

namespace SupportAssist.Triage;

/// <summary>
/// Sentiment from a small lexicon (English, Spanish, French, German, Portuguese), and a frustration flag for
/// repeated contact and anger markers (repeated exclamation marks, shouting, "third time", "still", "unacceptable").
/// </summary>
public static partial class SentimentGuess
{
    private static readonly string[] NegativeWords =
    [
        "angry", "annoyed", "frustrated", "frustrating", "unacceptable", "terrible", "awful", "ridiculous", "worst", "disappointed",
        "upset", "furious", "useless", "horrible", "scam", "worried", "stressed", "desperate", "nightmare", "broken", "losing money",
        "enfadado", "molesto", "inaceptable", "terrible", "pésimo", "decepcionado", "preocupado", "estafa",
        "inacceptable", "furieux", "déçu", "inquiet", "nul", "arnaque",
        "inakzeptabel", "ärgerlich", "enttäuscht", "wütend", "schlecht", "sauer",
        "inaceitável", "péssimo", "decepcionado", "preocupado", "golpe", "irritado",
    ];

    private static readonly string[] PositiveWords =
    [
        "great", "love", "awesome", "appreciate", "happy", "perfect", "excellent", "amazing", "wonderful", "glad", "pleased",
        "genial", "excelente", "encantado", "perfecto", "génial", "parfait", "ravi", "super", "toll", "perfekt", "ótimo", "perfeito", "adorei",
    ];

    private static readonly string[] FrustrationPhrases =
    [
        "again", "still", "third time", "3rd time", "second time", "already contacted", "already wrote", "no one", "nobody", "no response",
        "unacceptable", "ridiculous", "fed up", "how many times", "otra vez", "todavía", "inaceptable", "tercera vez", "encore", "toujours pas",
        "inacceptable", "schon wieder", "immer noch", "inakzeptabel", "de novo", "ainda não", "inaceitável",
    ];

    /// <summary>The sentiment of <paramref name="text"/> and whether the customer is frustrated (also when they wrote before on this matter).</summary>
    public static (Sentiment Sentiment, bool Frustrated, IReadOnlyList<string> Markers) Of(string text, int previousContacts)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TicketFacts.Normalize(text);
        var negative = NegativeWords.Count(w => RuleMatching.ContainsPhrase(normalized, w));
        var positive = PositiveWords.Count(w => RuleMatching.ContainsPhrase(normalized, w));
        var markers = FrustrationPhrases.Where(p => RuleMatching.ContainsPhrase(normalized, p)).Select(p => $"\"{p}\"").ToList();
        if (text.Contains("!!", StringComparison.Ordinal)) markers.Add("repeated exclamation marks");
        if (Shouting().Count(text) >= 2) markers.Add("shouting (capitals)");
        if (previousContacts > 0) markers.Add($"{previousContacts} earlier contact(s) on this matter");
        // Anger markers count against the tone too; thanks alone is politeness, not praise.
        var score = positive - negative - (markers.Count > 0 ? 1 : 0);
        var sentiment = score < 0 ? Sentiment.Negative : score > 0 ? Sentiment.Positive : Sentiment.Neutral;
        var frustrated = previousContacts > 0 || markers.Count >= 2 || (markers.Count == 1 && negative > 0);
        return (sentiment, frustrated, markers);
    }

    [GeneratedRegex(@"\b[A-Z]{4,}\b")]
    private static partial Regex Shouting();
}
