using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Cases;
using SupportAssist.Diagnostics;
using SupportAssist.Infrastructure.Postgres;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Knowledge;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure;

/// <summary>
/// The shared state of the service (outcomes, feedback, cases, audit) on <c>Storage:Provider</c>: the embedded SQLite
/// file or PostgreSQL. Either way writes go through one group-commit writer per process.
/// </summary>
public static class SharedStateRegistration
{
    /// <summary>Health check name of the shared store (tagged <c>ready</c>).</summary>
    public const string HealthCheckName = "shared-store";

    public static IHostApplicationBuilder AddSharedState(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Writers are disposed (so drained: every queued write committed) when the host stops.
        builder.Services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteWriter(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<ILogger<SqliteWriter>>(), storage.WriteQueueCapacity, storage.WriteBatchSize,
                sp.GetService<SupportAssistMetrics>());
        });
        builder.Services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.PostgresConnectionString!, sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        // Built only when first used: the embedded default never creates a PostgreSQL data source.
        builder.Services.AddSingleton(sp => new Lazy<PostgresDatabase>(sp.GetRequiredService<PostgresDatabase>));
        builder.Services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new PostgresWriter(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<ILogger<PostgresWriter>>(), storage.WriteQueueCapacity, storage.WriteBatchSize,
                sp.GetService<SupportAssistMetrics>());
        });
        builder.Services.AddSingleton<SqliteOutcomeLog>();
        builder.Services.AddSingleton<SqliteCaseStore>();
        builder.Services.AddSingleton<SqliteAuditLog>();
        builder.Services.AddSingleton<PostgresOutcomeLog>();
        builder.Services.AddSingleton<PostgresCaseStore>();
        builder.Services.AddSingleton<PostgresAuditLog>();

        // The provider is read when first resolved, after every configuration source (tests' included) is in.
        builder.Services.TryAddSingleton<IOutcomeLog>(sp => UsesPostgres(sp) ? sp.GetRequiredService<PostgresOutcomeLog>() : sp.GetRequiredService<SqliteOutcomeLog>());
        builder.Services.TryAddSingleton<ICaseStore>(sp => UsesPostgres(sp) ? sp.GetRequiredService<PostgresCaseStore>() : sp.GetRequiredService<SqliteCaseStore>());
        builder.Services.TryAddSingleton<IAuditLog>(sp => UsesPostgres(sp) ? sp.GetRequiredService<PostgresAuditLog>() : sp.GetRequiredService<SqliteAuditLog>());

        builder.Services.AddHostedService<PostgresMigrator>();
        builder.Services.AddHealthChecks().AddCheck<SharedStoreHealthCheck>(HealthCheckName, tags: ["ready"]);
        return builder;
    }

    /// <summary>True when <c>Storage:Provider</c> is <c>postgres</c>.</summary>
    public static bool UsesPostgres(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value.UsesPostgres;
}
