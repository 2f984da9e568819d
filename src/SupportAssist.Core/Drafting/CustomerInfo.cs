namespace SupportAssist.Drafting;

/// <summary>What the help desk knows about the customer. The name is used in the greeting and never sent to a provider.</summary>
public sealed record CustomerInfo(string? Name, string? Plan, string? Country, string? Locale);
