namespace SupportAssist.Api.Hosting;

/// <summary>Wraps the last registration of a service (whichever store or composer it is) in a decorator, as a singleton.</summary>
internal static class ServiceDecoration
{
    public static void Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TService)) ?? throw new InvalidOperationException($"No {typeof(TService).Name} is registered.");
        services.Remove(registered);
        services.AddSingleton(sp =>
        {
            var inner = registered.ImplementationInstance as TService
                ?? registered.ImplementationFactory?.Invoke(sp) as TService
                ?? (TService)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            return decorate(sp, inner);
        });
    }
}
