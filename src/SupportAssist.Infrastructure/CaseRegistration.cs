using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportAssist.Cases;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Infrastructure.Webhooks;

namespace SupportAssist.Infrastructure;

/// <summary>Registers cases: the store (SQLite on the embedded default) and the service. Needs triage and drafts registered.</summary>
public static class CaseRegistration
{
    public static IHostApplicationBuilder AddCases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CaseService>();
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The optional webhook: a queue and a background sender, used only when a URL is configured.
        builder.Services.AddSingleton<WebhookCaseEvents>();
        builder.Services.AddSingleton<ICaseEvents>(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Enabled
            ? sp.GetRequiredService<WebhookCaseEvents>()
            : new NoCaseEvents());
        builder.Services.AddHostedService<WebhookSender>();
        builder.Services.AddResilientClient(WebhookSender.ClientName, sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Resilience);
        return builder;
    }
}
