using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportAssist.Infrastructure;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Infrastructure.Sqlite;

namespace SupportAssist.Api.Hosting;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (its dependencies answer), in every environment.</summary>
internal static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static void AddHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks();
        if (KnowledgeBaseRegistration.UsesQdrant(builder))
            checks.AddCheck<QdrantHealthCheck>("vector-store", tags: [ReadyTag]);
        else
            checks.AddCheck<SqliteHealthCheck>("knowledge-store", tags: [ReadyTag]);
    }

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
