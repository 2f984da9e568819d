using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// Named HttpClients for model providers, each with exactly one resilience handler sized by its own settings
/// (no global defaults that would stack). The client's own timeout is off: the handler's timeouts govern.
/// </summary>
public static class ResilientHttpClients
{
    /// <summary>The chat model's client.</summary>
    public const string Llm = "supportassist-llm";

    /// <summary>The embedding provider's client.</summary>
    public const string Embeddings = "supportassist-embeddings";

    /// <summary>
    /// Registers client <paramref name="name"/> with the standard pipeline configured from <paramref name="settings"/>;
    /// <paramref name="failedResponse"/> names further responses to treat as transient failures (a gRPC error status).
    /// </summary>
    public static IHttpClientBuilder AddResilientClient(this IServiceCollection services, string name, Func<IServiceProvider, ResilienceSettings> settings, Func<HttpResponseMessage, bool>? failedResponse = null)
    {
        // The SDK clients built on this HttpClient live as long as the service: the handler is never recycled by
        // the factory, so pooled connections are renewed every few minutes instead (DNS changes are seen).
        var builder = services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.AddStandardResilienceHandler().Configure((options, sp) => Apply(options, settings(sp), sp.GetService<TimeProvider>() ?? TimeProvider.System, failedResponse));
        return builder;
    }

    /// <summary>Copies <paramref name="settings"/> onto the standard pipeline's options; a Retry-After date is read against <paramref name="clock"/>.</summary>
    public static void Apply(HttpStandardResilienceOptions options, ResilienceSettings settings, TimeProvider clock, Func<HttpResponseMessage, bool>? failedResponse = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        if (failedResponse is not null)
        {
            // The retry and the circuit breaker count the same failures: the standard ones and these responses.
            options.Retry.ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) || (args.Outcome.Result is { } response && failedResponse(response)));
            options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) || (args.Outcome.Result is { } response && failedResponse(response)));
        }
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(settings.TotalTimeoutSeconds);
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds);
        options.Retry.MaxRetryAttempts = Math.Max(settings.MaxRetries, 1);
        // Polly needs at least one attempt configured; zero retries means retrying nothing.
        if (settings.MaxRetries == 0) options.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.ShouldRetryAfterHeader = true;
        options.Retry.Delay = TimeSpan.FromSeconds(settings.RetryBaseDelaySeconds);
        var maxDelay = TimeSpan.FromSeconds(settings.RetryMaxDelaySeconds);
        options.Retry.MaxDelay = maxDelay;
        // Polly's Retry-After handling is a delay generator, which MaxDelay does not cap: ours reads the header
        // and caps it, so a server asking for two minutes cannot hold an end user that long.
        options.Retry.DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, maxDelay, clock));
        options.CircuitBreaker.FailureRatio = settings.CircuitFailureRatio;
        options.CircuitBreaker.MinimumThroughput = settings.CircuitMinimumThroughput;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(settings.CircuitSamplingSeconds);
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(settings.CircuitBreakSeconds);
    }

    /// <summary>The wait a response's <c>Retry-After</c> asks for, at most <paramref name="cap"/>; null (the backoff applies) when it asks for none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : null);
        if (wait is not { } asked) return null;
        return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > cap ? cap : asked;
    }
}
