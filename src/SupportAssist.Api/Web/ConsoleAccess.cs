namespace SupportAssist.Api.Web;

/// <summary>The console's requirement: a signed-in agent, or nothing at all when neither keys nor a provider are configured.</summary>
internal sealed record ConsoleAccess : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement;
