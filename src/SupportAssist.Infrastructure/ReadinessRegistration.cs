using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SupportAssist.Infrastructure.Readiness;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure;

/// <summary>Start-up readiness: the components the service waits for after it starts listening, and the gates in front of them.</summary>
public static class ReadinessRegistration
{
    /// <summary>Declares a start-up component (its background step reports to it) and the registry that holds it.</summary>
    public static IServiceCollection AddReadinessComponent(this IServiceCollection services, string name, string waitingFor)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<StartupReadiness>();
        services.AddSingleton(_ => new ReadinessComponent(name, waitingFor));
        return services;
    }

    /// <summary>
    /// Searches answer 503 with Retry-After until the start-up index is ready. Call after <see cref="KnowledgeBaseRegistration.AddRetrieval"/>:
    /// it wraps the registered indexes, whichever store they are.
    /// </summary>
    public static IHostApplicationBuilder AddStartupReadiness(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var vectors = Take<IVectorIndex>(builder.Services);
        var keywords = Take<IKeywordIndex>(builder.Services);
        builder.Services.AddSingleton(sp => new IndexReadinessGate(
            (IVectorIndex)Resolve(vectors, sp), (IKeywordIndex)Resolve(keywords, sp), sp.GetRequiredService<StartupReadiness>()[StartupReadiness.Index]));
        builder.Services.AddSingleton<IVectorIndex>(sp => sp.GetRequiredService<IndexReadinessGate>());
        builder.Services.AddSingleton<IKeywordIndex>(sp => sp.GetRequiredService<IndexReadinessGate>());
        return builder;
    }

    private static ServiceDescriptor Take<T>(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(T) && !d.IsKeyedService)
            ?? throw new InvalidOperationException($"No {typeof(T).Name} is registered: call AddRetrieval first.");
        services.Remove(registered);
        return registered;
    }

    private static object Resolve(ServiceDescriptor registered, IServiceProvider services) =>
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!);
}
