using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportAssist.Infrastructure.Readiness;

/// <summary>One start-up component as a readiness check: unhealthy while starting or unavailable, with what it waits for.</summary>
public sealed class ReadinessHealthCheck(StartupReadiness readiness, string component) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = readiness[component].Status;
        return Task.FromResult(status.State switch
        {
            ReadinessState.Ready => status.Degraded ? HealthCheckResult.Degraded(status.Description) : HealthCheckResult.Healthy(status.Description),
            _ => HealthCheckResult.Unhealthy(status.Description),
        });
    }
}
