using SupportAssist.Deflection;

namespace SupportAssist.Api.Deflections;

/// <summary>The decision: <c>answer</c>, <c>suggest_articles</c> or <c>contact_support</c>.</summary>
public sealed record DeflectionResponse(
    Guid Id,
    DeflectionDecision Decision,
    double Confidence,
    DeflectionAnswer? Answer,
    IReadOnlyList<SuggestedArticle> SuggestedArticles,
    IReadOnlyList<string> Reasons,
    bool Degraded);
