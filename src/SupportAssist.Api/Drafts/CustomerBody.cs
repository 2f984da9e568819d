namespace SupportAssist.Api.Drafts;

/// <summary>The customer: the name greets them (it is never sent to a model provider); the locale picks the reply's language.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code, such as <c>DE</c>.</param>
public sealed record CustomerBody(string? Name, string? Plan, string? Country, string? Locale);
