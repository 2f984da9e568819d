using SupportAssist.Outcomes;

namespace SupportAssist.Api.Hosting;

/// <summary>Stamps each outcome with the name of the API key that made the call (never the key itself).</summary>
internal sealed class CallerOutcomeLog(IOutcomeLog inner, IHttpContextAccessor http) : IOutcomeLog
{
    public Task RecordAsync(Outcome outcome, CancellationToken cancellationToken) =>
        inner.RecordAsync(http.HttpContext?.User is { } user && ApiKeyAuthentication.CallerName(user) is { } caller ? outcome with { Caller = caller } : outcome, cancellationToken);

    public Task<FeedbackResult> RecordFeedbackAsync(FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken) =>
        inner.RecordFeedbackAsync(feedback, outcomeKind, rule, cancellationToken);

    public Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken) => inner.FeedbackAsync(outcomeId, cancellationToken);

    public Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.ReadSinceAsync(since, cancellationToken);

    /// <summary>Wraps the registered <see cref="IOutcomeLog"/> (whichever store it is).</summary>
    public static void Decorate(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IOutcomeLog)) ?? throw new InvalidOperationException("No IOutcomeLog is registered.");
        services.Remove(registered);
        services.AddSingleton<IOutcomeLog>(sp =>
        {
            var inner = registered.ImplementationInstance as IOutcomeLog
                ?? registered.ImplementationFactory?.Invoke(sp) as IOutcomeLog
                ?? (IOutcomeLog)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            return new CallerOutcomeLog(inner, sp.GetRequiredService<IHttpContextAccessor>());
        });
    }
}
