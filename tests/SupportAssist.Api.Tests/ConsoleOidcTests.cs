using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace SupportAssist.Api.Tests;

/// <summary>Agent sign-in through OpenID Connect: the console sends an unsigned-in agent to the provider with a PKCE code request.</summary>
public sealed class ConsoleOidcTests : IAsyncLifetime
{
    private static readonly string[] Code = ["code"];
    private static readonly string[] Public = ["public"];
    private static readonly string[] Rs256 = ["RS256"];
    private WebApplication _provider = null!;
    private string _authority = "";

    public async Task InitializeAsync()
    {
        // A provider's discovery document on loopback (the challenge reads it before redirecting).
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _authority,
            ["authorization_endpoint"] = _authority + "/authorize",
            ["token_endpoint"] = _authority + "/token",
            ["jwks_uri"] = _authority + "/keys",
            ["response_types_supported"] = Code,
            ["subject_types_supported"] = Public,
            ["id_token_signing_alg_values_supported"] = Rs256,
        }));
        _provider.MapGet("/keys", () => Results.Json(new { keys = Array.Empty<object>() }));
        await _provider.StartAsync();
        _authority = _provider.Urls.Single();
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task An_agent_who_is_not_signed_in_is_sent_to_the_provider_with_a_PKCE_code_request()
    {
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?>
        {
            ["SupportAssist:Console:Oidc:Authority"] = _authority,
            ["SupportAssist:Console:Oidc:ClientId"] = "supportassist-console",
            ["SupportAssist:Console:Oidc:AgentRole"] = "support-agents",
        });
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var console = await client.GetAsync("/console");
        var signIn = await client.GetAsync(console.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.StartsWith("/console/signin", console.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var target = signIn.Headers.Location!;
        Assert.Equal(_authority + "/authorize", target.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(target.Query);
        Assert.Equal("supportassist-console", query["client_id"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.EndsWith("/signin-oidc", query["redirect_uri"].ToString(), StringComparison.Ordinal);
        Assert.Contains("openid", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.All(signIn.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("http://login.example.com/tenant", "console", "agents", "Authority")]
    [InlineData("https://login.example.com/tenant", "", "agents", "ClientId")]
    [InlineData("https://login.example.com/tenant", "console", "", "AgentRole")]
    public void Bad_provider_settings_stop_start_up(string authority, string clientId, string agentRole, string field)
    {
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?>
        {
            ["SupportAssist:Console:Oidc:Authority"] = authority,
            ["SupportAssist:Console:Oidc:ClientId"] = clientId,
            ["SupportAssist:Console:Oidc:AgentRole"] = agentRole,
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains($"SupportAssist:Console:Oidc:{field}", error.ToString(), StringComparison.Ordinal);
    }
}
