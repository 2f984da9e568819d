namespace SupportAssist.Cases;

/// <summary>A page of cases and the cursor of the next (null at the end).</summary>
public sealed record CasePage(IReadOnlyList<SupportCase> Cases, CaseCursor? Next);
