namespace SupportAssist.Api.Search;

/// <summary>Ranked articles for a query.</summary>
/// <param name="Degraded">True when a retriever could not run (see <paramref name="DegradedReason"/>).</param>
internal sealed record SearchResponse(
    string Query,
    Audience Audience,
    string? Locale,
    string? ProductArea,
    string Mode,
    bool Degraded,
    string? DegradedReason,
    double ElapsedMs,
    IReadOnlyList<SearchResult> Results);
