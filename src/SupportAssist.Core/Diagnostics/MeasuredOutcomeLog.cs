using SupportAssist.Outcomes;

namespace SupportAssist.Diagnostics;

/// <summary>
/// Counts each outcome once it is stored (<see cref="SupportAssistMetrics.RecordOutcome"/>): decisions, confidence,
/// tokens and cost are read from the same record the eval harness reads, so the dashboards and the evals agree.
/// </summary>
public sealed class MeasuredOutcomeLog(IOutcomeLog inner, SupportAssistMetrics metrics) : DelegatingOutcomeLog(inner)
{
    /// <inheritdoc />
    public override async Task RecordAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        await InnerLog.RecordAsync(outcome, cancellationToken);
        metrics.RecordOutcome(outcome);
    }
}
