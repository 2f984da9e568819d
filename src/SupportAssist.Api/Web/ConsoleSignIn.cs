using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SupportAssist.Api.Web;

/// <summary>
/// Agents sign in to the console with a key holding the <c>agent</c> scope, exchanged for a cookie session
/// (HttpOnly, SameSite=Lax, Secure outside Development; 8 hours, sliding). With no key configured the console is
/// open, like the API, and the start-up warning lists it.
/// </summary>
internal static class ConsoleSignIn
{
    public const string Scheme = "Console";
    public const string Policy = "console";
    public const string OidcScheme = "oidc";

    public static void AddConsoleSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "sa-console";
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: the return from an OpenID Connect provider is a navigation from another site, and a Strict
            // cookie would not be sent on it (a sign-in loop). Every console form carries an antiforgery token.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.LoginPath = "/console/signin";
            options.AccessDeniedPath = "/console/signin";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        // OpenID Connect when configured (the provider signs agents in; the cookie holds the session). Registered always
        // and configured from the options, so settings from any configuration source apply; unused when off.
        builder.Services.AddOptions<ConsoleOidcOptions>().BindConfiguration(ConsoleOidcOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The scheme is added only when enabled (a remote scheme runs on every request, and unconfigured it fails them
        // all), decided when the options are read, after every configuration source is in.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        builder.Services.AddOptions<AuthenticationOptions>().Configure<IOptions<ConsoleOidcOptions>>((authentication, settings) =>
        {
            if (settings.Value.Enabled) authentication.AddScheme<OpenIdConnectHandler>(OidcScheme, "OpenID Connect");
        });
        builder.Services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<IOptions<ConsoleOidcOptions>, IHostEnvironment>((oidc, settings, environment) =>
        {
            var o = settings.Value;
            if (!o.Enabled) return;
            oidc.SignInScheme = Scheme;
            oidc.Authority = o.Authority;
            oidc.ClientId = o.ClientId;
            oidc.ClientSecret = o.ClientSecret;
            oidc.ResponseType = "code";
            // Claims keep the provider's names ("roles", "groups"), so RoleClaim means what the provider sends.
            oidc.MapInboundClaims = false;
            oidc.UsePkce = true;
            oidc.RequireHttpsMetadata = !new Uri(o.Authority!).IsLoopback;
            oidc.CallbackPath = "/signin-oidc";
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("profile");
            oidc.Scope.Add("email");
            oidc.NonceCookie.SecurePolicy = oidc.CorrelationCookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            oidc.Events.OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                if (!principal.HasClaim(o.RoleClaim, o.AgentRole!))
                {
                    context.Fail($"The provider's user lacks the '{o.AgentRole}' {o.RoleClaim} needed for the console.");
                    return Task.CompletedTask;
                }
                ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, Scopes.Agent));
                return Task.CompletedTask;
            };
        });
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ConsoleAccessHandler>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .AddRequirements(new ConsoleAccess()));
    }

    /// <summary>Signs the agent in when <paramref name="key"/> holds the agent scope; false otherwise (and the wrong key is counted).</summary>
    public static async Task<bool> SignInAsync(HttpContext context, SecurityOptions security, FailedKeyLimiter failures, string key)
    {
        if (ApiKeyAuthentication.Match(security, key) is not { } caller)
        {
            failures.Record(context.Connection.RemoteIpAddress);
            return false;
        }
        if (!caller.Scopes.Contains(Scopes.Agent)) return false;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, caller.Name), .. caller.Scopes.Select(s => new Claim(ClaimTypes.Role, s))], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return true;
    }
}
