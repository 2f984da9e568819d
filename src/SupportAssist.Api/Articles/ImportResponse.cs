namespace SupportAssist.Api.Articles;

/// <summary>The result of an NDJSON import: counts by outcome, and every rejected line with its number and reasons.</summary>
internal sealed record ImportResponse(int Lines, int Created, int Updated, int Unchanged, int Unpublished, IReadOnlyList<RejectedLine> Rejected);
