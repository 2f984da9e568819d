using Microsoft.AspNetCore.Authorization;

namespace SupportAssist.Api.Hosting;

internal sealed class ScopeHandler(IOptions<SecurityOptions> options) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (options.Value.Open || requirement.AnyOf.Any(context.User.IsInRole)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
