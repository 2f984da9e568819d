namespace SupportAssist.Triage;

/// <summary>Sets the priority of the tickets it matches; of all matching rules the most urgent wins (a P4 rule can lower the default).</summary>
public sealed record PriorityRule(string Name, RuleCondition When, Priority Priority);
