namespace SupportAssist.Infrastructure.AI;

/// <summary>A judge's grades of one draft, each scaled from 1–5 to 0–1.</summary>
public sealed record DraftGrades(double Groundedness, double Relevance);
