namespace SupportAssist.Api.Suggestions;

/// <summary>A public article: its id, title, link and the passage that matched.</summary>
public sealed record Suggestion(string ArticleId, string Title, string? Url, string Snippet);
