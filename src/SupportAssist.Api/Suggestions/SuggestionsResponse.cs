namespace SupportAssist.Api.Suggestions;

/// <summary>The suggested articles, best first.</summary>
public sealed record SuggestionsResponse(IReadOnlyList<Suggestion> Suggestions);
