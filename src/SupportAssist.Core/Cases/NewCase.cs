namespace SupportAssist.Cases;

/// <summary>What the contact form sends: the customer's words and how to reach them, and the deflections they saw.</summary>
public sealed record NewCase(string Subject, string Message, string ContactEmail, string? Locale, string? Plan, IReadOnlyList<Guid> DeflectionIds);
