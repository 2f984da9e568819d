namespace SupportAssist.Evaluation;

/// <summary>Deflection quality at one answer threshold.</summary>
/// <param name="Coverage">Share of all questions answered.</param>
/// <param name="Accuracy">Share of answers that cite an expected article (NaN with no answer).</param>
/// <param name="CorrectDeflectionRate">Share of answerable questions answered from an expected article.</param>
/// <param name="FalseDeflectionRate">Share of questions that should not be answered (unanswerable or for a person) that were.</param>
/// <param name="AbstentionPrecision">Share of questions not answered that should not have been.</param>
/// <param name="AbstentionRecall">Share of questions that should not be answered that were not.</param>
public sealed record DeflectionReport(
    double Threshold, int Questions, double Coverage, double Accuracy, double CorrectDeflectionRate, double FalseDeflectionRate,
    double AbstentionPrecision, double AbstentionRecall);
