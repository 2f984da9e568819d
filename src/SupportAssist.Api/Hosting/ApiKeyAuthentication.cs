using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SupportAssist.Api.Hosting;

/// <summary>Who may call the admin endpoints. Bound from <c>SupportAssist:Security</c>.</summary>
internal sealed class SecurityOptions
{
    public const string Section = "SupportAssist:Security";

    /// <summary>Keys accepted in the <c>X-Api-Key</c> header for admin endpoints; none configured leaves them open (laptop default, warned at start-up).</summary>
    [MinLengthOfEach(16)]
    public IReadOnlyList<string> AdminApiKeys { get; set; } = [];
}

/// <summary>API-key authentication for the admin endpoints (article management and search, which can read internal articles).</summary>
internal static partial class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string AdminPolicy = "admin";

    public static void AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(Scheme, configureOptions: null);
        builder.Services.AddSingleton<IAuthorizationHandler, AdminAccessHandler>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.AddRequirements(new AdminAccessRequirement()));
    }

    public static void UseApiKeyAuthentication(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.AdminApiKeys.Count == 0)
            LogOpenAdmin(app.Logger, SecurityOptions.Section.Replace(":", "__", StringComparison.Ordinal));
        app.UseAuthentication();
        app.UseAuthorization();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin API key is configured: article management, search and drafts (which read internal articles) are open to anyone who can reach this service. Set {Setting}__AdminApiKeys__0 to require an X-Api-Key header.")]
    private static partial void LogOpenAdmin(ILogger logger, string setting);
}

/// <summary>Admin access: a valid admin key, or no keys configured at all.</summary>
internal sealed class AdminAccessRequirement : IAuthorizationRequirement;

internal sealed class AdminAccessHandler(IOptions<SecurityOptions> options) : AuthorizationHandler<AdminAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminAccessRequirement requirement)
    {
        if (options.Value.AdminApiKeys.Count == 0 || context.User.IsInRole(ApiKeyAuthentication.AdminPolicy))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>Reads <c>X-Api-Key</c> and compares it in constant time with each configured key.</summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<SecurityOptions> security) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyAuthentication.Header, out var values) || values.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values.ToString()));
        foreach (var key in security.Value.AdminApiKeys)
        {
            if (!CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(key)))) continue;
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, ApiKeyAuthentication.AdminPolicy)], ApiKeyAuthentication.Scheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthentication.Scheme)));
        }
        return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{ApiKeyAuthentication.Scheme} header=\"{ApiKeyAuthentication.Header}\"";
        return base.HandleChallengeAsync(properties);
    }
}

/// <summary>Every string in the list is at least <c>length</c> characters.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MinLengthOfEachAttribute(int length) : ValidationAttribute($"each key must be at least {length} characters")
{
    public int Length { get; } = length;

    public override bool IsValid(object? value) => value is not IEnumerable<string> items || items.All(i => i is not null && i.Length >= Length);
}
