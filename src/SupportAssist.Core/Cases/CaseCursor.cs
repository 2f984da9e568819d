namespace SupportAssist.Cases;

/// <summary>Where a page ended: the last case's creation time and id.</summary>
public sealed record CaseCursor(DateTimeOffset CreatedAt, Guid Id);
