using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace SupportAssist.Api.Hosting;

/// <summary>API-key authentication and scope-based authorization for everything but the public endpoints.</summary>
internal static partial class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>The caller's name in logs and outcomes when no key is configured.</summary>
    public const string OpenCaller = "open";

    public static void AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidation>();
        builder.Services.AddSingleton<FailedKeyLimiter>();
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(Scheme, configureOptions: null);
        builder.Services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var endpointClass in new[] { EndpointClass.Search, EndpointClass.Agent, EndpointClass.Admin })
            authorization.AddPolicy(endpointClass.PolicyName(), policy => policy.AddRequirements(new ScopeRequirement(endpointClass.Scopes())));
    }

    public static void UseApiKeyAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        // The key's name (never the key) on every log event of the request.
        var diagnostics = app.Services.GetRequiredService<Serilog.IDiagnosticContext>();
        app.Use(async (context, next) =>
        {
            var caller = CallerName(context.User);
            // On the request's completion event too, which the request logging writes outside this scope.
            diagnostics.Set("ApiKey", caller);
            using (Serilog.Context.LogContext.PushProperty("ApiKey", caller))
                await next(context);
        });
    }

    /// <summary>
    /// The configured key equal to <paramref name="presented"/>, by hash in constant time against every key (all of
    /// them, so the time says nothing about which one nearly matched); null when none is.
    /// </summary>
    public static (string Name, IReadOnlySet<string> Scopes)? Match(SecurityOptions options, string presented)
    {
        var hashed = SecurityOptions.Hash(presented);
        (string Name, IReadOnlySet<string> Scopes)? match = null;
        foreach (var (name, hash, scopes) in options.Keys())
        {
            if (CryptographicOperations.FixedTimeEquals(hashed, hash)) match ??= (name, scopes);
        }
        return match;
    }

    /// <summary>Logs, once the endpoints are mapped, which ones anyone can call because no key is configured.</summary>
    public static void WarnWhenOpen(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Open) return;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var open = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<EndpointClassMetadata>() is { Class: not EndpointClass.Public })
                // Pages (the agent console) have no method metadata: they are listed as pages, with their leading '/'.
                .Select(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is { } methods
                    ? $"{string.Join("|", methods.HttpMethods)} {e.RoutePattern.RawText}"
                    : $"page /{e.RoutePattern.RawText?.TrimStart('/')}")
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            LogOpen(app.Logger, string.Join(", ", open), SecurityOptions.Section.Replace(":", "__", StringComparison.Ordinal));
        });
    }

    /// <summary>The name of the key the request authenticated with; null for anonymous requests.</summary>
    public static string? CallerName(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key is configured: these endpoints are open to anyone who can reach this service: {Endpoints}. Set {Setting}__ApiKeys__0__Name, __Key and __Scopes__0 (agent, admin or public-search) to require an X-Api-Key header.")]
    private static partial void LogOpen(ILogger logger, string endpoints, string setting);
}
