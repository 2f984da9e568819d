using SupportAssist.Answering;
using SupportAssist.Api.Contracts;
using SupportAssist.Deflection;

namespace SupportAssist.Api.Deflections;

/// <summary>An end user's question before they contact support.</summary>
/// <param name="Question">What the user typed (required).</param>
/// <param name="Locale">The user's language tag, such as <c>en</c> or <c>es-MX</c>; only articles in that language are used.</param>
/// <param name="ProductArea">Restricts the articles to one product area, such as <c>refunds</c>.</param>
/// <param name="CustomerPlan">The customer's plan, recorded with the decision.</param>
/// <param name="SessionId">The widget's session, to link later events to this decision.</param>
public sealed record DeflectionRequestBody(string? Question, string? Locale, string? ProductArea, string? CustomerPlan, string? SessionId);

/// <summary>The decision: <c>answer</c>, <c>suggest_articles</c> or <c>contact_support</c>.</summary>
public sealed record DeflectionResponse(
    Guid Id,
    DeflectionDecision Decision,
    double Confidence,
    DeflectionAnswer? Answer,
    IReadOnlyList<SuggestedArticle> SuggestedArticles,
    IReadOnlyList<string> Reasons,
    bool Degraded);

/// <summary>
/// A shown answer. <c>mode</c> is <c>extractive</c> when its sentences are quoted from the articles, <c>generated</c>
/// when a language model wrote it; <c>composer</c> names which (<c>extractive/1</c>, <c>openai:gpt-4o-mini</c>).
/// </summary>
public sealed record DeflectionAnswer(string Text, AnswerMode Mode, string Composer, IReadOnlyList<CitationBody> Citations);

/// <summary>What the user did after a deflection: <c>helpful</c>, <c>not_helpful</c> or <c>contacted_support</c>, with an optional comment.</summary>
public sealed record DeflectionFeedbackBody(string? Kind, string? Comment);
