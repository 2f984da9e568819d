namespace SupportAssist.Deflection;

/// <summary>An end user's question, as the deflection endpoint receives it.</summary>
public sealed record DeflectionRequest(string Question, string? Locale, string? ProductArea, string? CustomerPlan, string? SessionId);
