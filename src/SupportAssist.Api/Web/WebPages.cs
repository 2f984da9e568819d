using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;

namespace SupportAssist.Api.Web;

/// <summary>
/// The pages (Razor Pages, server-rendered; a small ES module enhances them): the contact flow at <c>/contact</c>.
/// Text in English and Spanish from resources, chosen by <c>?locale=</c> or the browser's languages. Each page is in
/// an endpoint class, so it shares the API's rate limits and body limits.
/// </summary>
internal static class WebPages
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("es")];

    public static void AddWebPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section)
            .Validate(o => o.WidgetOrigins.All(WebOptions.IsOrigin), $"{WebOptions.Section}:WidgetOrigins must be origins such as https://www.example.com (scheme, host, optional port; no path)")
            .ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.AddConsoleSignIn();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AddPageApplicationModelConvention("/Contact", model => InClass(model.EndpointMetadata, EndpointClass.Public));
            // The console: agents only (a cookie from signing in with an agent key), with the agent class's limits.
            options.Conventions.AuthorizeFolder("/Console", ConsoleSignIn.Policy);
            options.Conventions.AllowAnonymousToPage("/Console/SignIn");
            options.Conventions.AddFolderApplicationModelConvention("/Console", model => InClass(model.EndpointMetadata, EndpointClass.Agent));
        }).AddViewLocalization();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "sa-af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    // A page shares its class's rate limit and body limit with the API (not its key check: pages sign in with a cookie).
    private static void InClass(IList<object> metadata, EndpointClass endpointClass)
    {
        metadata.Add(new EndpointClassMetadata(endpointClass));
        metadata.Add(new EnableRateLimitingAttribute(endpointClass.PolicyName()));
    }

    /// <summary>Security headers on every response, the culture, then static files.</summary>
    public static void UseWebPages(this WebApplication app)
    {
        app.Use(SecurityHeaders.AddAsync);
        var localization = new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture("en"), SupportedCultures = Cultures, SupportedUICultures = Cultures };
        localization.RequestCultureProviders.Insert(0, new QueryStringRequestCultureProvider { QueryStringKey = "locale", UIQueryStringKey = "locale" });
        app.UseRequestLocalization(localization);
        // The widget on the sites listed may call the public endpoints and load its script; no other origin may, and
        // no key header is allowed across origins.
        var origins = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value.WidgetOrigins.ToArray();
        if (origins.Length > 0) app.UseCors(policy => policy.WithOrigins(origins).WithMethods("GET", "POST").WithHeaders("Content-Type", "Accept"));
        // Files from wwwroot by the classic middleware: it serves the same files in the published app and in a test
        // host (whose content root is the project folder), and needs no build manifest.
        app.UseStaticFiles();
    }

    public static void MapWebPages(this WebApplication app)
    {
        app.MapRazorPages();
    }
}
