namespace SupportAssist.Infrastructure.Readiness;

/// <summary>
/// One piece of start-up work the service waits for after it starts listening (the index, the triage model):
/// its background step reports progress and the outcome here, <c>/health/ready</c> and the request gates read it.
/// </summary>
public sealed class ReadinessComponent
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ReadinessStatus _status;

    /// <summary>Creates a component that is starting, saying what it waits for.</summary>
    public ReadinessComponent(string name, string waitingFor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _status = new ReadinessStatus(ReadinessState.Starting, waitingFor, Degraded: false);
    }

    /// <summary>The component's name in <c>/health/ready</c> and in problems (<c>index</c>, <c>triage-model</c>).</summary>
    public string Name { get; }

    /// <summary>Where it stands and what it is doing, read together.</summary>
    public ReadinessStatus Status => _status;

    /// <summary>Where it stands.</summary>
    public ReadinessState State => _status.State;

    /// <summary>Completes when the component is ready; faults with <see cref="NotReadyException"/> when it becomes unavailable.</summary>
    public Task WhenReady => _ready.Task;

    /// <summary>Progress while starting ("indexing ...: 12 of 70 articles"); ignored once the component is done.</summary>
    public void Report(string progress)
    {
        var current = _status;
        if (current.State == ReadinessState.Starting) _status = current with { Description = progress };
    }

    /// <summary>The work is done; <paramref name="degraded"/> when it runs with the limitation <paramref name="description"/> names.</summary>
    public void MarkReady(string description, bool degraded = false)
    {
        _status = new ReadinessStatus(ReadinessState.Ready, description, degraded);
        _ready.TrySetResult();
    }

    /// <summary>The component cannot get ready without an operator; <paramref name="reason"/> says what to do.</summary>
    public void MarkUnavailable(string reason)
    {
        _status = new ReadinessStatus(ReadinessState.Unavailable, reason, Degraded: false);
        _ready.TrySetException(new NotReadyException(Name, reason, retryAfter: null));
    }

    /// <summary>The exception a request that needs this component gets before it is ready.</summary>
    public NotReadyException NotReady()
    {
        var status = _status;
        return new NotReadyException(Name, status.Description, status.State == ReadinessState.Starting ? NotReadyException.DefaultRetryAfter : null);
    }
}
