using Microsoft.AspNetCore.Authorization;

namespace SupportAssist.Api.Hosting;

/// <summary>Access to an endpoint class: a key holding any of the scopes, or no keys configured at all.</summary>
internal sealed record ScopeRequirement(IReadOnlyList<string> AnyOf) : IAuthorizationRequirement;
