namespace SupportAssist.Cases;

/// <summary>
/// One deflection the customer saw before contacting support, as its outcome recorded it: the question (redacted),
/// the decision, the answer and the articles it cited, the articles suggested, and the feedback given.
/// </summary>
public sealed record SeenDeflection(
    Guid DeflectionId,
    DateTimeOffset At,
    string Question,
    string Decision,
    string? Answer,
    IReadOnlyList<string> CitedArticles,
    IReadOnlyList<string> SuggestedArticles,
    IReadOnlyList<string> Feedback);
