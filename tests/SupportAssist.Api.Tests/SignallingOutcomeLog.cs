using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Outcomes;

namespace SupportAssist.Api.Tests;

/// <summary>
/// The host's outcome log as registered, signalling each outcome once it is stored: a test awaits a write that no
/// response waits for (a client that left mid-stream) instead of polling the database.
/// </summary>
internal sealed class SignallingOutcomeLog(IOutcomeLog inner) : IOutcomeLog
{
    private readonly Lock _lock = new();
    private readonly List<(Func<Outcome, bool> Match, TaskCompletionSource<Outcome> Stored)> _waiters = [];

    /// <summary>Wraps the last <see cref="IOutcomeLog"/> registered in <paramref name="services"/>; the wrapper is resolvable as itself.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IOutcomeLog));
        services.Remove(registered);
        services.AddSingleton(sp => new SignallingOutcomeLog(registered.ImplementationInstance as IOutcomeLog
            ?? registered.ImplementationFactory?.Invoke(sp) as IOutcomeLog
            ?? (IOutcomeLog)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
        services.AddSingleton<IOutcomeLog>(sp => sp.GetRequiredService<SignallingOutcomeLog>());
    }

    /// <summary>Completes when an outcome matching <paramref name="match"/> is stored after this call.</summary>
    public Task<Outcome> WhenStored(Func<Outcome, bool> match)
    {
        var stored = new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock) _waiters.Add((match, stored));
        return stored.Task;
    }

    public async Task RecordAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        await inner.RecordAsync(outcome, cancellationToken);
        List<TaskCompletionSource<Outcome>> matched;
        lock (_lock)
        {
            matched = _waiters.Where(w => w.Match(outcome)).Select(w => w.Stored).ToList();
            _waiters.RemoveAll(w => matched.Contains(w.Stored));
        }
        foreach (var stored in matched) stored.TrySetResult(outcome);
    }

    public Task<FeedbackResult> RecordFeedbackAsync(FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken) =>
        inner.RecordFeedbackAsync(feedback, outcomeKind, rule, cancellationToken);

    public Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken) => inner.FeedbackAsync(outcomeId, cancellationToken);

    public Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.ReadSinceAsync(since, cancellationToken);
}
