namespace SupportAssist.Testing;

/// <summary>A point with its score for one query or fusion.</summary>
internal sealed record Ranked(StoredPoint Point, float Score);
