namespace SupportAssist.Api.Pages.Console;

/// <summary>A citation of a draft: internal articles guide the agent and are marked so.</summary>
public sealed record CitationView(int Number, string Title, string? Url, bool Internal, string Quote);
