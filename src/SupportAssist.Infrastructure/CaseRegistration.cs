using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SupportAssist.Cases;
using SupportAssist.Infrastructure.Sqlite;

namespace SupportAssist.Infrastructure;

/// <summary>Registers cases: the store (SQLite on the embedded default) and the service. Needs triage and drafts registered.</summary>
public static class CaseRegistration
{
    public static IHostApplicationBuilder AddCases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ICaseStore, SqliteCaseStore>();
        builder.Services.AddSingleton<CaseService>();
        return builder;
    }
}
