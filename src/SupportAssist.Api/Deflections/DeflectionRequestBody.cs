namespace SupportAssist.Api.Deflections;

/// <summary>An end user's question before they contact support.</summary>
/// <param name="Question">What the user typed (required).</param>
/// <param name="Locale">The user's language tag, such as <c>en</c> or <c>es-MX</c>; only articles in that language are used.</param>
/// <param name="ProductArea">Restricts the articles to one product area, such as <c>refunds</c>.</param>
/// <param name="CustomerPlan">The customer's plan, recorded with the decision.</param>
/// <param name="SessionId">The widget's session, to link later events to this decision.</param>
public sealed record DeflectionRequestBody(string? Question, string? Locale, string? ProductArea, string? CustomerPlan, string? SessionId);
