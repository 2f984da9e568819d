namespace SupportAssist.Triage;

/// <summary>Sends the tickets it matches to a queue; the first matching rule wins.</summary>
public sealed record RoutingRule(string Name, RuleCondition When, string Queue);
