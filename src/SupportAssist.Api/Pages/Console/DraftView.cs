namespace SupportAssist.Api.Pages.Console;

/// <summary>A draft as the console shows it.</summary>
public sealed record DraftView(Guid Id, string Text, IReadOnlyList<CitationView> Citations, string? Summary, bool Degraded);
