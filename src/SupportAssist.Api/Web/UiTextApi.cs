using System.Globalization;
using Microsoft.Extensions.Localization;

namespace SupportAssist.Api.Web;

/// <summary><c>GET /v1/ui-text</c>: the contact flow's text in a language (English or Spanish), for the widget on other sites.</summary>
internal static class UiTextApi
{
    public static RouteGroupBuilder MapUiTextApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/ui-text").WithTags("Pages").ForClass(EndpointClass.Public);
        group.MapGet("/", Get)
            .WithSummary("The contact flow's text")
            .WithDescription("Every string of the contact form and widget in locale's language (en or es; others get English).");
        return group;
    }

    private static Ok<UiTextResponse> Get(string? locale, IStringLocalizer<UiText> text, HttpResponse response)
    {
        var culture = WebPages.Cultures.FirstOrDefault(c => locale is not null && locale.StartsWith(c.TwoLetterISOLanguageName, StringComparison.OrdinalIgnoreCase))
            ?? WebPages.Cultures[0];
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Ok(new UiTextResponse(culture.Name, text.GetAllStrings(includeParentCultures: true).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
