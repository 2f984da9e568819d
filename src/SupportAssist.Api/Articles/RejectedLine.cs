namespace SupportAssist.Api.Articles;

/// <summary>A line that was not imported.</summary>
internal sealed record RejectedLine(int Line, string? ArticleId, IReadOnlyDictionary<string, string[]> Errors);
