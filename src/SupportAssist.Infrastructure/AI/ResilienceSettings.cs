using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// One HttpClient's resilience (Microsoft.Extensions.Http.Resilience, the only retry layer: the SDKs' own retries
/// are off): retries with exponential backoff and jitter that honour <c>Retry-After</c> on 429 and 503, a circuit
/// breaker, and a timeout per attempt inside a timeout for the whole call.
/// </summary>
public sealed class ResilienceSettings : IValidatableObject
{
    /// <summary>Longest wait for one attempt.</summary>
    [Range(0.05, 600.0)]
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>Longest wait for the whole call, retries included.</summary>
    [Range(0.1, 1800.0)]
    public double TotalTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after the first attempt (0 switches retrying off).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff delay; later ones grow exponentially, with jitter. A <c>Retry-After</c> header takes precedence.</summary>
    [Range(0.0, 60.0)]
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>Longest backoff delay, also the cap on a <c>Retry-After</c> the server asks for.</summary>
    [Range(0.1, 600.0)]
    public double RetryMaxDelaySeconds { get; set; } = 30;

    /// <summary>Share of failed calls within the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the sampling window before the circuit may open.</summary>
    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 4;

    /// <summary>The sampling window; at least twice the attempt timeout.</summary>
    [Range(0.5, 86_400.0)]
    public double CircuitSamplingSeconds { get; set; } = 60;

    /// <summary>How long an open circuit fails calls at once before letting one through to probe.</summary>
    [Range(0.5, 86_400.0)]
    public double CircuitBreakSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TotalTimeoutSeconds < AttemptTimeoutSeconds)
            yield return new ValidationResult($"TotalTimeoutSeconds ({TotalTimeoutSeconds}) must not be below AttemptTimeoutSeconds ({AttemptTimeoutSeconds})", [nameof(TotalTimeoutSeconds)]);
        if (CircuitSamplingSeconds < 2 * AttemptTimeoutSeconds)
            yield return new ValidationResult($"CircuitSamplingSeconds ({CircuitSamplingSeconds}) must be at least twice AttemptTimeoutSeconds ({AttemptTimeoutSeconds})", [nameof(CircuitSamplingSeconds)]);
    }
}
