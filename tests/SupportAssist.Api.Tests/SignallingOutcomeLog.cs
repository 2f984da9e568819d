namespace SupportAssist.Api.Tests;

/// <summary>
/// The host's outcome log as registered, signalling each outcome once it is stored: a test awaits a write that no
/// response waits for (a client that left mid-stream) instead of polling the database.
/// </summary>
internal sealed class SignallingOutcomeLog(IOutcomeLog inner) : DelegatingOutcomeLog(inner)
{
    private readonly Lock _lock = new();
    private readonly List<(Func<Outcome, bool> Match, TaskCompletionSource<Outcome> Stored)> _waiters = [];

    /// <summary>Wraps the last <see cref="IOutcomeLog"/> registered in <paramref name="services"/>; the wrapper is resolvable as itself.</summary>
    public static void Decorate(IServiceCollection services)
    {
        // Registered last (test services come after the host's), so it is the outermost log and resolvable as itself.
        Api.Hosting.ServiceDecoration.Decorate<IOutcomeLog>(services, (_, inner) => new SignallingOutcomeLog(inner));
        services.AddSingleton(sp => (SignallingOutcomeLog)sp.GetRequiredService<IOutcomeLog>());
    }

    /// <summary>Completes when an outcome matching <paramref name="match"/> is stored after this call.</summary>
    public Task<Outcome> WhenStored(Func<Outcome, bool> match)
    {
        var stored = new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock) _waiters.Add((match, stored));
        return stored.Task;
    }

    public override async Task RecordAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        await InnerLog.RecordAsync(outcome, cancellationToken);
        List<TaskCompletionSource<Outcome>> matched;
        lock (_lock)
        {
            matched = _waiters.Where(w => w.Match(outcome)).Select(w => w.Stored).ToList();
            _waiters.RemoveAll(w => matched.Contains(w.Stored));
        }
        foreach (var stored in matched) stored.TrySetResult(outcome);
    }
}
