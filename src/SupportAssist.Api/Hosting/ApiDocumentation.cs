using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and an interactive reference page at <c>/scalar</c>. The
/// document declares the admin API key (<c>X-Api-Key</c> header) and marks the operations that need it.
/// </summary>
internal static class ApiDocumentation
{
    public static void AddApiDocumentation(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SupportAssist API";
                document.Info.Description = "Support triage and deflection: answer end users before they contact support, draft replies for agents, search the help center, manage its articles.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthentication.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthentication.Header,
                    Description = "A key from SupportAssist:Security:ApiKeys with the scope the endpoint needs: agent (search with internal articles, drafts, triage), admin (articles, audit) or public-search (public search only). With no keys configured every endpoint is open (laptop default).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var endpointClass = context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointClassMetadata>().LastOrDefault();
                if (endpointClass is { Class: not EndpointClass.Public })
                {
                    operation.Description = (operation.Description is null ? "" : operation.Description + " ")
                        + $"Needs a key with scope {string.Join(" or ", endpointClass.Class.Scopes())}.";
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.Scheme, context.Document)] = [],
                    });
                }
                return Task.CompletedTask;
            });
        });

    public static void MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("SupportAssist API"));
    }
}
