using System.ClientModel;
using System.Net;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// What counts as a remote provider's failure (a language model, an embedding provider, a webhook receiver): the
/// network, a timeout, the circuit breaker, an error status or a reply that cannot be read. Only these are caught
/// and degraded around; anything else is a defect here and propagates.
/// </summary>
public static class ProviderFailure
{
    /// <summary>Whether <paramref name="error"/> or one of its causes is a provider's failure.</summary>
    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or HttpOperationException or ClientResultException or BrokenCircuitException or TimeoutRejectedException
                or RateLimiterRejectedException or TimeoutException or TaskCanceledException or IOException or JsonException)
                return true;
        }
        return false;
    }

    /// <summary>Why a call failed, in a few words of our own for reasons and logs: rate limited, timed out, circuit open, unreachable, or the status.</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BrokenCircuitException: return "circuit open after repeated failures";
                case TimeoutRejectedException or TaskCanceledException or TimeoutException: return "timed out";
                case RateLimiterRejectedException: return "rate limited";
                case HttpOperationException { StatusCode: HttpStatusCode.TooManyRequests }: return "rate limited (429)";
                case HttpOperationException { StatusCode: { } status }: return $"HTTP {(int)status}";
                case ClientResultException { Status: 429 }: return "rate limited (429)";
                case ClientResultException { Status: > 0 } result: return $"HTTP {result.Status}";
                case JsonException: return "the reply could not be read";
            }
        }
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException) return "unreachable";
        }
        return "the reply could not be used";
    }
}
