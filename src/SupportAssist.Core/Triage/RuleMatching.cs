using System.Text.RegularExpressions;

namespace SupportAssist.Triage;

/// <summary>What rules look at: the classified ticket and its text (lowercase, whitespace collapsed).</summary>
public sealed record TicketFacts(string Intent, string Category, Priority? Priority, string? Plan, string Language, string? Channel, string Text)
{
    /// <summary>Lowercases and collapses whitespace, so keyword phrases match across line breaks.</summary>
    public static string Normalize(string text) => string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>Evaluates rule conditions against a ticket's facts.</summary>
public static class RuleMatching
{
    /// <summary>
    /// How <paramref name="when"/> matches <paramref name="facts"/> (such as <c>intent checkout_down, keyword "checkout is down"</c>),
    /// or null when it does not.
    /// </summary>
    public static string? Explain(RuleCondition when, TicketFacts facts)
    {
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(facts);
        if (when.IsEmpty) return null;
        var matched = new List<string>();
        if (!Check(when.Intents, facts.Intent, "intent", matched)) return null;
        if (!Check(when.Categories, facts.Category, "category", matched)) return null;
        if (!Check(when.Plans, facts.Plan, "plan", matched)) return null;
        if (!Check(when.Languages, facts.Language, "language", matched)) return null;
        if (!Check(when.Channels, facts.Channel, "channel", matched)) return null;
        if (when.Priorities is { } priorities)
        {
            if (facts.Priority is not { } priority || !priorities.Contains(priority)) return null;
            matched.Add($"priority {priority}");
        }
        if (when.Keywords is { } keywords)
        {
            var keyword = keywords.FirstOrDefault(k => ContainsPhrase(facts.Text, TicketFacts.Normalize(k)));
            if (keyword is null) return null;
            matched.Add($"keyword \"{keyword}\"");
        }
        return string.Join(", ", matched);
    }

    private static bool Check(IReadOnlyList<string>? allowed, string? value, string what, List<string> matched)
    {
        if (allowed is null) return true;
        if (value is null || !allowed.Contains(value, StringComparer.OrdinalIgnoreCase)) return false;
        matched.Add($"{what} {value}");
        return true;
    }

    /// <summary>Whether <paramref name="phrase"/> occurs in <paramref name="text"/> at word boundaries ("sue" is not in "issue"); both already normalised.</summary>
    public static bool ContainsPhrase(string text, string phrase)
    {
        for (var i = text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = text.IndexOf(phrase, i + 1, StringComparison.Ordinal))
        {
            var before = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            var end = i + phrase.Length;
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after) return true;
        }
        return false;
    }
}

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
