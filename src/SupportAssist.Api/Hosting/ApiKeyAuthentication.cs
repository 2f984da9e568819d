using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SupportAssist.Api.Hosting;

/// <summary>One API key: its name (what logs, outcomes and the audit trail show), the key itself, and what it may do.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>1-64 letters, digits, '-', '_' or '.'; unique.</summary>
    public string? Name { get; set; }

    /// <summary>At least 16 characters; unique.</summary>
    public string? Key { get; set; }

    /// <summary>Any of <c>agent</c>, <c>admin</c>, <c>public-search</c>.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];
}

/// <summary>Who may call what. Bound from <c>SupportAssist:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "SupportAssist:Security";

    /// <summary>Keys with a name and scopes, accepted in the <c>X-Api-Key</c> header.</summary>
    public IReadOnlyList<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// Keys from before scopes existed: each may do everything (<c>agent</c> and <c>admin</c>), named
    /// <c>admin-key-1</c>, <c>admin-key-2</c>, …. Prefer <see cref="ApiKeys"/>.
    /// </summary>
    public IReadOnlyList<string> AdminApiKeys { get; set; } = [];

    /// <summary>Every configured key, the old admin keys included; none means open-laptop mode.</summary>
    public IReadOnlyList<(string Name, byte[] Hash, IReadOnlySet<string> Scopes)> Keys() =>
    [
        .. ApiKeys.Select(k => (k.Name!, Hash(k.Key!), (IReadOnlySet<string>)new HashSet<string>(k.Scopes, StringComparer.Ordinal))),
        .. AdminApiKeys.Select((key, i) => ($"admin-key-{i + 1}", Hash(key), (IReadOnlySet<string>)new HashSet<string>([Scopes.Agent, Scopes.Admin], StringComparer.Ordinal))),
    ];

    public bool Open => ApiKeys.Count == 0 && AdminApiKeys.Count == 0;

    internal static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>The scopes a key can hold.</summary>
internal static class Scopes
{
    /// <summary>Search with internal articles, drafts, triage, draft feedback.</summary>
    public const string Agent = "agent";

    /// <summary>Articles (put, get, delete, import) and the audit trail.</summary>
    public const string Admin = "admin";

    /// <summary>Public search only: for help-site widgets, whose key a visitor's browser can read.</summary>
    public const string PublicSearch = "public-search";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Agent, Admin, PublicSearch], StringComparer.Ordinal);
}

/// <summary>Names, keys and scopes are checked at start-up: a bad entry stops the service with the setting to fix.</summary>
public sealed class SecurityOptionsValidation : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var at = $"{SecurityOptions.Section}:ApiKeys:{i}";
            if (string.IsNullOrEmpty(key.Name) || key.Name.Length > 64 || !key.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                errors.Add($"{at}:Name must be 1-64 letters, digits, '-', '_' or '.'");
            if (key.Key is null || key.Key.Length < 16) errors.Add($"{at}:Key must be at least 16 characters");
            if (key.Scopes.Count == 0) errors.Add($"{at}:Scopes must list at least one of {string.Join(", ", Scopes.All)}");
            foreach (var scope in key.Scopes.Where(s => !Scopes.All.Contains(s))) errors.Add($"{at}:Scopes: '{scope}' is not one of {string.Join(", ", Scopes.All)}");
        }
        for (var i = 0; i < options.AdminApiKeys.Count; i++)
            if (options.AdminApiKeys[i] is null || options.AdminApiKeys[i].Length < 16) errors.Add($"{SecurityOptions.Section}:AdminApiKeys:{i} must be at least 16 characters");
        foreach (var duplicate in options.ApiKeys.Where(k => k.Name is not null).GroupBy(k => k.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"{SecurityOptions.Section}:ApiKeys: the name '{duplicate.Key}' is used more than once");
        var keys = options.ApiKeys.Select(k => k.Key).Concat(options.AdminApiKeys).OfType<string>().ToList();
        if (keys.Count != keys.Distinct(StringComparer.Ordinal).Count()) errors.Add($"{SecurityOptions.Section}: the same key is configured twice");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

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

/// <summary>Access to an endpoint class: a key holding any of the scopes, or no keys configured at all.</summary>
internal sealed record ScopeRequirement(IReadOnlyList<string> AnyOf) : IAuthorizationRequirement;

internal sealed class ScopeHandler(IOptions<SecurityOptions> options) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (options.Value.Open || requirement.AnyOf.Any(context.User.IsInRole)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Reads <c>X-Api-Key</c> and compares its hash in constant time with every configured key's (all of them, so the
/// time says nothing about which one nearly matched). A client that keeps presenting wrong keys is refused with 429
/// for a while, whatever key it sends next.
/// </summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<SecurityOptions> security,
    FailedKeyLimiter failures,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    private const string BlockedItem = "SupportAssist.KeyBlockedFor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyAuthentication.Header, out var values) || values.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        // Public endpoints take no key: one sent there is neither checked nor counted against the client.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<EndpointClassMetadata>() is null or { Class: EndpointClass.Public })
            return Task.FromResult(AuthenticateResult.NoResult());
        var match = ApiKeyAuthentication.Match(security.Value, values.ToString());
        // A right key always works: blocking it would not slow guessing (keys are long) but would let anyone sharing
        // the client's address lock agents out. Only wrong keys are limited.
        if (match is not { } caller)
        {
            var client = Context.Connection.RemoteIpAddress;
            if (failures.BlockedFor(client) is { } wait)
            {
                Context.Items[BlockedItem] = wait;
                return Task.FromResult(AuthenticateResult.Fail("Too many wrong API keys from this client."));
            }
            failures.Record(client);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller.Name), .. caller.Scopes.Select(s => new Claim(ClaimTypes.Role, s))], ApiKeyAuthentication.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthentication.Scheme)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[BlockedItem] is TimeSpan wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = { Status = 429, Title = "Too many wrong API keys.", Detail = $"This client sent too many wrong API keys; try again in {Response.Headers.RetryAfter} s." },
            });
            return;
        }
        Response.Headers.WWWAuthenticate = $"{ApiKeyAuthentication.Scheme} header=\"{ApiKeyAuthentication.Header}\"";
        await base.HandleChallengeAsync(properties);
    }
}

/// <summary>
/// Counts wrong API keys per client address in fixed windows (<c>Limits:FailedKeys</c>); past the limit the client
/// is refused until its window ends. Held in this process: each replica counts its own (see the README).
/// </summary>
public sealed class FailedKeyLimiter(IOptions<LimitsOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _clients = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep;

    public TimeSpan? BlockedFor(IPAddress? client)
    {
        var settings = options.Value.FailedKeys;
        if (!options.Value.Enabled || !_clients.TryGetValue(Key(client), out var entry)) return null;
        var end = entry.Start + TimeSpan.FromSeconds(settings.WindowSeconds);
        var now = clock.GetUtcNow();
        return entry.Count >= settings.PermitLimit && now < end ? end - now : null;
    }

    public void Record(IPAddress? client)
    {
        var settings = options.Value.FailedKeys;
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromSeconds(settings.WindowSeconds);
        _clients.AddOrUpdate(Key(client), _ => (now, 1), (_, entry) => now - entry.Start >= window ? (now, 1) : (entry.Start, entry.Count + 1));
        // Bounded: windows that ended are dropped once many clients are tracked, at most once a second (a sweep
        // per wrong key would make a flood of them quadratic).
        if (_clients.Count > 10_000 && now - _lastSweep >= TimeSpan.FromSeconds(1))
        {
            _lastSweep = now;
            foreach (var (key, entry) in _clients)
                if (now - entry.Start >= window) _clients.TryRemove(key, out _);
        }
    }

    private static string Key(IPAddress? client) => EndpointProtection.ClientPartition(client);
}
