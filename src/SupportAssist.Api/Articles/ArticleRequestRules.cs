using System.Globalization;
using System.Text.Json;

namespace SupportAssist.Api.Articles;

/// <summary>
/// What an article sent to <c>PUT /v1/articles/{id}</c> or on an NDJSON line must be: the request's own fields
/// (audience, date, the id against the URL), then <see cref="ArticleRules"/>, the rules every article meets however it arrives.
/// Static: its limits are the article's own (<see cref="ArticleRules"/>), the same for a folder of articles as for the API.
/// </summary>
internal static class ArticleRequestRules
{
    /// <summary>The article to write under the URL's <paramref name="id"/>, or the errors that prevent it.</summary>
    public static (Article? Article, FieldErrors Errors) Check(string id, ArticleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Id is not null && request.Id != id)
        {
            var errors = new FieldErrors();
            errors.Add("id", $"the body's id '{request.Id}' differs from the URL's '{id}'; omit it or make them equal");
            return (null, errors);
        }
        return ToArticle(id, request);
    }

    /// <summary>The article on one imported line (which must carry its id), or the errors that prevent it.</summary>
    public static (Article? Article, FieldErrors Errors) Check(ArticleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Id is not null) return ToArticle(request.Id, request);
        var errors = new FieldErrors();
        errors.Add("id", "is required on every imported line");
        return (null, errors);
    }

    private static (Article? Article, FieldErrors Errors) ToArticle(string id, ArticleRequest request)
    {
        var errors = new FieldErrors();
        // Left out means public; an explicit null is refused, so a client that meant "internal" never publishes by accident.
        var audience = ArticleAudience.Public;
        if (request.Audience.ValueKind == JsonValueKind.Null)
            errors.Add("audience", "must be 'public' or 'internal', not null (leave it out for a public article)");
        else if (request.Audience.ValueKind != JsonValueKind.Undefined
            && (StringOf(request.Audience) is not { } name || !AudienceRules.TryParseArticleAudience(name, out audience)))
            errors.Expected("audience", EnumNames.All<ArticleAudience>());
        DateOnly? updated = null;
        if (request.Updated is not null)
        {
            if (DateOnly.TryParseExact(request.Updated, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) updated = date;
            else errors.Add("updated", "must be a date written YYYY-MM-DD");
        }
        var article = new Article(id, request.Title?.Trim() ?? string.Empty, request.Url, request.Locale ?? "en", audience, request.ProductArea,
            request.Tags ?? [], updated, request.Body ?? string.Empty, request.Published ?? true);
        foreach (var (field, messages) in ArticleRules.Validate(article)) errors.Add(field, messages[0]);
        return (errors.IsEmpty ? article : null, errors);
    }

    // A JSON string's text, or null for any other kind and for a string that is not valid UTF-16 (a lone surrogate).
    private static string? StringOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) return null;
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
