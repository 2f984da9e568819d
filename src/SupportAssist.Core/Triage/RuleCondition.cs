namespace SupportAssist.Triage;

/// <summary>
/// Conditions of a rule. Every list given must match (and); within a list, any value matches (or). Keywords
/// match whole words or phrases, ignoring case.
/// </summary>
public sealed record RuleCondition
{
    /// <summary>Any of these intents (<c>unknown</c> included, for priority rules).</summary>
    public IReadOnlyList<string>? Intents { get; init; }
    /// <summary>Any of these categories.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    /// <summary>Any of these priorities (routing rules only: priority is decided before routing).</summary>
    public IReadOnlyList<Priority>? Priorities { get; init; }
    /// <summary>Any of these customer plans.</summary>
    public IReadOnlyList<string>? Plans { get; init; }
    /// <summary>Any of these languages (primary subtags such as <c>es</c>).</summary>
    public IReadOnlyList<string>? Languages { get; init; }
    /// <summary>Any of these channels.</summary>
    public IReadOnlyList<string>? Channels { get; init; }
    /// <summary>Any of these words or phrases in the subject or body.</summary>
    public IReadOnlyList<string>? Keywords { get; init; }

    /// <summary>True when no condition is given (such a rule would match everything, which the rules refuse).</summary>
    public bool IsEmpty => Intents is null && Categories is null && Priorities is null && Plans is null && Languages is null && Channels is null && Keywords is null;
}
