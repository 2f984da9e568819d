using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SupportAssist.Api.Hosting;

namespace SupportAssist.Api.Web;

/// <summary>
/// Agents sign in to the console with a key holding the <c>agent</c> scope, exchanged for a cookie session
/// (HttpOnly, SameSite=Strict, Secure outside Development; 8 hours, sliding). With no key configured the console is
/// open, like the API, and the start-up warning lists it.
/// </summary>
internal static class ConsoleSignIn
{
    public const string Scheme = "Console";
    public const string Policy = "console";

    public static void AddConsoleSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "sa-console";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.LoginPath = "/console/signin";
            options.AccessDeniedPath = "/console/signin";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .AddRequirements(new ScopeRequirement([Scopes.Agent])));
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
