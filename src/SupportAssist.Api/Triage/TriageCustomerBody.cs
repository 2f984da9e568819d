namespace SupportAssist.Api.Triage;

/// <summary>What the help desk knows about the customer.</summary>
public sealed record TriageCustomerBody(string? Plan, string? Country, string? Locale);
