namespace SupportAssist.Triage;

/// <summary>Quality of intent classification with out-of-scope detection at one threshold.</summary>
/// <param name="Accuracy">Share of all examples whose prediction (the top intent, or <c>oos</c> under the threshold) equals the gold label.</param>
/// <param name="MacroF1">F1 averaged over every class present in gold or predictions, <c>oos</c> included.</param>
/// <param name="InScopeAccuracy">Share of in-scope examples predicted correctly (not under the threshold, and the right intent).</param>
/// <param name="OutOfScopeRecall">Share of out-of-scope examples predicted out of scope; NaN without any.</param>
/// <param name="OutOfScopePrecision">Share of out-of-scope predictions that are out of scope; NaN without any.</param>
public sealed record ClassificationReport(
    double Threshold, int Examples, double Accuracy, double MacroF1, double InScopeAccuracy, double OutOfScopeRecall, double OutOfScopePrecision,
    IReadOnlyList<ClassMetrics> PerClass, IReadOnlyList<(string Gold, string Predicted, int Count)> Confusions);
