using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportAssist.Infrastructure;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Readiness;
using SupportAssist.Infrastructure.Sqlite;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// <c>/health/live</c> (the process answers, from the moment it listens) and <c>/health/ready</c> (its dependencies
/// answer and the start-up work is done), in every environment.
/// </summary>
internal static class HealthExtensions
{
    private const string ReadyTag = "ready";

    // The store's own check, chosen when the check is first resolved (after every configuration source is in), and one
    // per start-up component, so /health/ready says what it still waits for ("index": "indexing ...: 12 of 70 articles").
    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration("knowledge-store",
                sp => KnowledgeBaseRegistration.UsesQdrant(sp) ? sp.GetRequiredService<QdrantHealthCheck>() : ActivatorUtilities.CreateInstance<SqliteHealthCheck>(sp),
                failureStatus: null, tags: [ReadyTag]))
            .Add(StartupCheck(StartupReadiness.Index))
            .Add(StartupCheck(StartupReadiness.TriageModel));

    private static HealthCheckRegistration StartupCheck(string component) =>
        new(component, sp => new ReadinessHealthCheck(sp.GetRequiredService<StartupReadiness>(), component), failureStatus: null, tags: [ReadyTag]);

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health").ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Health").ExcludeFromDescription();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
