namespace SupportAssist.Triage;

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
