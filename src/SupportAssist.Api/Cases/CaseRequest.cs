namespace SupportAssist.Api.Cases;

/// <summary>The contact form: subject, message, how to reach the customer, and the deflections they saw.</summary>
public sealed record CaseRequest(string? Subject, string? Message, string? ContactEmail, string? Locale, string? Plan, IReadOnlyList<Guid>? DeflectionIds);
