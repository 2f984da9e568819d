using SupportAssist.Infrastructure.Readiness;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>
/// The classifier the service loaded after start-up, or, until one is loaded, a <see cref="TriageUnavailableException"/>
/// saying why: still loading (its inner <see cref="NotReadyException"/> carries Retry-After) or missing (what builds it).
/// </summary>
public sealed class LoadedIntentClassifier(StartupReadiness readiness) : IIntentClassifier
{
    private readonly ReadinessComponent _model = readiness[StartupReadiness.TriageModel];
    private volatile IIntentClassifier? _loaded;

    public string Name => _loaded?.Name ?? "none";

    public double OutOfScopeThreshold => (_loaded ?? throw NotLoaded()).OutOfScopeThreshold;

    public Task<IntentPrediction> PredictAsync(string text, CancellationToken cancellationToken) =>
        (_loaded ?? throw NotLoaded()).PredictAsync(text, cancellationToken);

    internal void Set(IIntentClassifier classifier) => _loaded = classifier;

    private TriageUnavailableException NotLoaded()
    {
        var notReady = _model.NotReady();
        return notReady.RetryAfter is null
            ? new TriageUnavailableException(notReady.Description, notReady)
            : new TriageUnavailableException($"the triage model is not loaded yet ({notReady.Description})", notReady);
    }
}
