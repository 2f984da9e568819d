namespace SupportAssist.Api.Cases;

/// <summary>A deflection the customer saw before contacting: question (redacted), decision, answer, cited and suggested articles, feedback.</summary>
public sealed record SeenDeflectionBody(
    Guid DeflectionId, DateTimeOffset At, string Question, string Decision, string? Answer, IReadOnlyList<string> CitedArticles,
    IReadOnlyList<string> SuggestedArticles, IReadOnlyList<string> Feedback);
