using Scalar.AspNetCore;

namespace SupportAssist.Api.Hosting;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and an interactive reference page at <c>/scalar</c>.</summary>
internal static class ApiDocumentation
{
    public static void AddApiDocumentation(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SupportAssist API";
            document.Info.Description = "Support triage and deflection: search the help center, manage its articles.";
            return Task.CompletedTask;
        }));

    public static void MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("SupportAssist API"));
    }
}
