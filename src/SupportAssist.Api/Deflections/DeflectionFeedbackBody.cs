namespace SupportAssist.Api.Deflections;

/// <summary>What the user did after a deflection: <c>helpful</c>, <c>not_helpful</c> or <c>contacted_support</c>, with an optional comment.</summary>
public sealed record DeflectionFeedbackBody(string? Kind, string? Comment);
