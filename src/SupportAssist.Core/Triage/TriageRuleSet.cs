using System.Text.RegularExpressions;

namespace SupportAssist.Triage;

/// <summary>
/// Triage's rules as data: the category of each intent, priority rules, plans that raise priority one step,
/// routing rules in order, and the queues for everything else and for tickets no intent fits.
/// </summary>
public sealed partial record TriageRuleSet
{
    /// <summary>Each known intent and its category.</summary>
    public required IReadOnlyDictionary<string, string> Intents { get; init; }

    /// <summary>The priority when no priority rule matches.</summary>
    public Priority DefaultPriority { get; init; } = Priority.P3;

    /// <summary>Rules that set the priority; the most urgent match wins.</summary>
    public IReadOnlyList<PriorityRule> PriorityRules { get; init; } = [];

    /// <summary>Customer plans whose tickets are one step more urgent (P3 becomes P2; P1 stays P1).</summary>
    public IReadOnlyList<string> PremiumPlans { get; init; } = [];

    /// <summary>Rules that choose the queue, in order; the first match wins.</summary>
    public IReadOnlyList<RoutingRule> RoutingRules { get; init; } = [];

    /// <summary>The queue when no routing rule matches.</summary>
    public required string DefaultQueue { get; init; }

    /// <summary>Where tickets that match no known intent go, for a person to look at.</summary>
    public required string HumanReviewQueue { get; init; }

    /// <summary>Below this confidence a known intent still needs a person's review.</summary>
    public double ReviewBelowConfidence { get; init; } = 0.5;

    /// <summary>Every problem with the rules, each naming where it is (<c>priorityRules[2].when.intents[0]</c>) and why.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Intents is null || Intents.Count == 0) problems.Add("intents: at least one intent with its category is required");
        foreach (var (intent, category) in Intents ?? new Dictionary<string, string>())
        {
            if (!Slug().IsMatch(intent)) problems.Add($"intents.{intent}: intent names are lowercase letters, digits and '_'");
            if (string.IsNullOrWhiteSpace(category)) problems.Add($"intents.{intent}: needs a category");
        }
        if (string.IsNullOrWhiteSpace(DefaultQueue)) problems.Add("defaultQueue: is required");
        if (string.IsNullOrWhiteSpace(HumanReviewQueue)) problems.Add("humanReviewQueue: is required");
        if (!Enum.IsDefined(DefaultPriority)) problems.Add("defaultPriority: must be P1, P2, P3 or P4");
        if (ReviewBelowConfidence is < 0 or > 1) problems.Add("reviewBelowConfidence: must be between 0 and 1");
        for (var i = 0; i < PriorityRules.Count; i++)
        {
            var rule = PriorityRules[i];
            Check($"priorityRules[{i}]", rule.Name, rule.When, problems);
            if (rule.When?.Priorities is not null) problems.Add($"priorityRules[{i}].when.priorities: priority rules decide the priority, so they cannot test it");
            if (!Enum.IsDefined(rule.Priority)) problems.Add($"priorityRules[{i}].priority: must be P1, P2, P3 or P4");
        }
        for (var i = 0; i < RoutingRules.Count; i++)
        {
            var rule = RoutingRules[i];
            Check($"routingRules[{i}]", rule.Name, rule.When, problems);
            if (rule.When?.Intents?.Contains(TriageService.Unknown) == true)
                problems.Add($"routingRules[{i}].when.intents: tickets of intent 'unknown' always go to humanReviewQueue, so this rule could never match them");
            if (string.IsNullOrWhiteSpace(rule.Queue)) problems.Add($"routingRules[{i}].queue: is required");
        }
        return problems;
    }

    private void Check(string where, string? name, RuleCondition? when, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(name)) problems.Add($"{where}.name: is required");
        if (when is null || when.IsEmpty)
        {
            problems.Add($"{where}.when: needs at least one condition (a rule without one would match every ticket)");
            return;
        }
        var categories = Intents?.Values.ToHashSet(StringComparer.Ordinal) ?? [];
        for (var i = 0; i < (when.Intents?.Count ?? 0); i++)
        {
            var intent = when.Intents![i];
            if (intent != TriageService.Unknown && Intents?.ContainsKey(intent) != true) problems.Add($"{where}.when.intents[{i}]: unknown intent '{intent}'");
        }
        for (var i = 0; i < (when.Categories?.Count ?? 0); i++)
        {
            if (!categories.Contains(when.Categories![i])) problems.Add($"{where}.when.categories[{i}]: unknown category '{when.Categories[i]}'");
        }
        for (var i = 0; i < (when.Keywords?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(when.Keywords![i])) problems.Add($"{where}.when.keywords[{i}]: must not be empty");
        }
        for (var i = 0; i < (when.Priorities?.Count ?? 0); i++)
        {
            if (!Enum.IsDefined(when.Priorities![i])) problems.Add($"{where}.when.priorities[{i}]: must be P1, P2, P3 or P4");
        }
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex Slug();
}
