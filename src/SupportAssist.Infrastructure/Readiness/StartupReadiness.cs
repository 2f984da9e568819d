namespace SupportAssist.Infrastructure.Readiness;

/// <summary>
/// The start-up work the service waits for after it starts listening, one <see cref="ReadinessComponent"/> each
/// (declared where the work is registered), and a task that completes when all of it is done.
/// </summary>
public sealed class StartupReadiness
{
    /// <summary>The knowledge base's start-up indexing (<see cref="KnowledgeBase.StartupIndexer"/>).</summary>
    public const string Index = "index";

    /// <summary>The triage model, loaded or trained (<see cref="Triage.TriageModelLoader"/>).</summary>
    public const string TriageModel = "triage-model";

    private readonly Dictionary<string, ReadinessComponent> _components;

    /// <summary>Creates the registry over the declared components.</summary>
    public StartupReadiness(IEnumerable<ReadinessComponent> components)
    {
        _components = components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Ready = Task.WhenAll(_components.Values.Select(c => c.WhenReady));
    }

    /// <summary>Completes when every component is ready; faults when one becomes unavailable (after the others finish).</summary>
    public Task Ready { get; }

    /// <summary>Every declared component.</summary>
    public IReadOnlyCollection<ReadinessComponent> Components => _components.Values;

    /// <summary>The component named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No component of that name was declared.</exception>
    public ReadinessComponent this[string name] =>
        _components.TryGetValue(name, out var component) ? component : throw new KeyNotFoundException($"No start-up component '{name}' is declared.");
}
