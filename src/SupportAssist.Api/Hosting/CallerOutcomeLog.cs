using SupportAssist.Outcomes;

namespace SupportAssist.Api.Hosting;

/// <summary>Stamps each outcome with the name of the API key that made the call (never the key itself).</summary>
internal sealed class CallerOutcomeLog(IOutcomeLog inner, IHttpContextAccessor http) : DelegatingOutcomeLog(inner)
{
    public override Task RecordAsync(Outcome outcome, CancellationToken cancellationToken) =>
        InnerLog.RecordAsync(http.HttpContext?.User is { } user && ApiKeyAuthentication.CallerName(user) is { } caller ? outcome with { Caller = caller } : outcome, cancellationToken);

    /// <summary>Wraps the registered <see cref="IOutcomeLog"/> (whichever store it is).</summary>
    public static void Decorate(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.Decorate<IOutcomeLog>((sp, inner) => new CallerOutcomeLog(inner, sp.GetRequiredService<IHttpContextAccessor>()));
    }
}
