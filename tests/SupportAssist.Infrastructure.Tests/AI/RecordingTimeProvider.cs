using Microsoft.Extensions.Time.Testing;

namespace SupportAssist.Infrastructure.Tests.AI;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells which waits were asked of it: a test reads the wait a retry
/// chose (a timer's due time) instead of measuring the wall clock between two requests.
/// </summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _started = [];
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Started)> _waiters = [];

    /// <summary>Completes with the due time of the first timer, started before or after this call, whose due time matches <paramref name="match"/>.</summary>
    public Task<TimeSpan> WhenTimerStarted(Func<TimeSpan, bool> match)
    {
        lock (_lock)
        {
            foreach (var due in _started)
            {
                if (match(due)) return Task.FromResult(due);
            }
            var started = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, started));
            return started.Task;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        List<TaskCompletionSource<TimeSpan>> matched;
        lock (_lock)
        {
            _started.Add(dueTime);
            matched = _waiters.Where(w => w.Match(dueTime)).Select(w => w.Started).ToList();
            _waiters.RemoveAll(w => matched.Contains(w.Started));
        }
        foreach (var started in matched) started.TrySetResult(dueTime);
        return timer;
    }
}
