namespace SupportAssist.Api.Web;

internal sealed class ConsoleAccessHandler(IOptions<SecurityOptions> security, IOptions<ConsoleOidcOptions> oidc)
    : Microsoft.AspNetCore.Authorization.AuthorizationHandler<ConsoleAccess>
{
    protected override Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, ConsoleAccess requirement)
    {
        if ((security.Value.Open && !oidc.Value.Enabled) || context.User.IsInRole(Scopes.Agent)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
