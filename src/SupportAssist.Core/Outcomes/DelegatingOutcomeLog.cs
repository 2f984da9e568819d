namespace SupportAssist.Outcomes;

/// <summary>
/// An outcome log that passes every call to <see cref="InnerLog"/>: a decorator (metrics, the caller's name, a test's
/// signal) overrides only what it adds to, as Microsoft.Extensions.AI's delegating generators do.
/// </summary>
public abstract class DelegatingOutcomeLog(IOutcomeLog innerLog) : IOutcomeLog
{
    /// <summary>The log calls are passed to.</summary>
    protected IOutcomeLog InnerLog { get; } = innerLog ?? throw new ArgumentNullException(nameof(innerLog));

    /// <inheritdoc />
    public virtual Task RecordAsync(Outcome outcome, CancellationToken cancellationToken) => InnerLog.RecordAsync(outcome, cancellationToken);

    /// <inheritdoc />
    public virtual Task<FeedbackResult> RecordFeedbackAsync(FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken) =>
        InnerLog.RecordFeedbackAsync(feedback, outcomeKind, rule, cancellationToken);

    /// <inheritdoc />
    public virtual Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken) => InnerLog.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken) => InnerLog.FeedbackAsync(outcomeId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        InnerLog.ReadSinceAsync(since, cancellationToken);
}
