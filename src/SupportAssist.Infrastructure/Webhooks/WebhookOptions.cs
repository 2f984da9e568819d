using System.ComponentModel.DataAnnotations;
using SupportAssist.Infrastructure.AI;

namespace SupportAssist.Infrastructure.Webhooks;

/// <summary>An outgoing webhook for case events (<c>case.created</c>, <c>reply.recorded</c>); off when <see cref="Url"/> is empty.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "SupportAssist:Webhooks";

    /// <summary>Where events are POSTed (https, or http on loopback).</summary>
    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key the body is signed with (32+ characters; environment or user secrets only).</summary>
    public string? Secret { get; set; }

    /// <summary>Events waiting for delivery at most; past it new events are dropped and logged.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Retries, timeouts and circuit breaker of the delivery client.</summary>
    public ResilienceSettings Resilience { get; set; } = new() { AttemptTimeoutSeconds = 10, TotalTimeoutSeconds = 120, MaxRetries = 5, RetryBaseDelaySeconds = 2, RetryMaxDelaySeconds = 60 };

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || !(uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback)))
            yield return new ValidationResult($"{Section}:Url must be an https URL (http only on loopback)", [nameof(Url)]);
        if (Secret is null || Secret.Length < 32)
            yield return new ValidationResult($"{Section}:Secret must be at least 32 characters when a webhook URL is set", [nameof(Secret)]);
    }
}
