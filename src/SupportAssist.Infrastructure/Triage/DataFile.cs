namespace SupportAssist.Infrastructure.Triage;

/// <summary>A labelled file the model was trained or measured on.</summary>
public sealed record DataFile(string Path, int Tickets, string Sha256);
