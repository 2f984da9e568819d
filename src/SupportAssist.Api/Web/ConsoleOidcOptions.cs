using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Api.Web;

/// <summary>
/// Agent sign-in through an OpenID Connect provider (Entra ID, Okta, Keycloak, …) instead of keys; off when
/// <see cref="Authority"/> is empty. Authorization code flow with PKCE; the session is the console's cookie.
/// </summary>
public sealed class ConsoleOidcOptions : IValidatableObject
{
    public const string Section = "SupportAssist:Console:Oidc";

    /// <summary>The provider's issuer URL (https; http only on loopback, for tests).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret of a confidential client (environment or user secrets only); empty for a public client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The claim that lists the user's roles or groups (as the provider names it), and the value that makes them an agent: required, so that not everyone a provider signs in reaches customers' cases.</summary>
    public string RoleClaim { get; set; } = "roles";

    public string? AgentRole { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || !(uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback)))
            yield return new ValidationResult($"{Section}:Authority must be the provider's https issuer URL", [nameof(Authority)]);
        if (string.IsNullOrWhiteSpace(ClientId)) yield return new ValidationResult($"{Section}:ClientId is required with an Authority", [nameof(ClientId)]);
        if (string.IsNullOrWhiteSpace(RoleClaim)) yield return new ValidationResult($"{Section}:RoleClaim must name a claim", [nameof(RoleClaim)]);
        if (string.IsNullOrWhiteSpace(AgentRole))
            yield return new ValidationResult($"{Section}:AgentRole is required with an Authority: the {RoleClaim} value that makes a user an agent", [nameof(AgentRole)]);
    }
}
