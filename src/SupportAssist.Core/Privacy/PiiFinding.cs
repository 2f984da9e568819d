namespace SupportAssist.Privacy;

/// <summary>Where a kind of PII was found, as offsets into the original text; the value itself is never kept.</summary>
public sealed record PiiFinding(PiiKind Kind, int Start, int Length);
