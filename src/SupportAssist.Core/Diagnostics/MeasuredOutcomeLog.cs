using SupportAssist.Outcomes;

namespace SupportAssist.Diagnostics;

/// <summary>
/// Counts each outcome once it is stored (<see cref="SupportAssistMetrics.RecordOutcome"/>): decisions, confidence,
/// tokens and cost are read from the same record the eval harness reads, so the dashboards and the evals agree.
/// </summary>
public sealed class MeasuredOutcomeLog(IOutcomeLog inner, SupportAssistMetrics metrics) : IOutcomeLog
{
    /// <inheritdoc />
    public async Task RecordAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        await inner.RecordAsync(outcome, cancellationToken);
        metrics.RecordOutcome(outcome);
    }

    /// <inheritdoc />
    public Task<FeedbackResult> RecordFeedbackAsync(FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken) =>
        inner.RecordFeedbackAsync(feedback, outcomeKind, rule, cancellationToken);

    /// <inheritdoc />
    public Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken) => inner.FeedbackAsync(outcomeId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.ReadSinceAsync(since, cancellationToken);
}
