namespace SupportAssist.Privacy;

/// <summary>Text with every finding replaced by a placeholder such as <c>[EMAIL]</c>, and what was found.</summary>
public sealed record Redaction(string Text, IReadOnlyList<PiiFinding> Findings)
{
    /// <summary>The distinct kinds found, in the order of <see cref="PiiKind"/>.</summary>
    public IReadOnlyList<PiiKind> Kinds => Findings.Select(f => f.Kind).Distinct().Order().ToList();
}
