using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace SupportAssist.Api.Hosting;

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
