using SupportAssist.Privacy;
using SupportAssist.Retrieval;

namespace SupportAssist.Api.Suggestions;

/// <summary>
/// <c>GET /v1/suggestions</c>: up to three public articles for what an end user is typing into the contact form.
/// Public and rate-limited like deflections; it records no outcome (it runs on every pause in typing).
/// </summary>
internal static class SuggestionsApi
{
    public const int MaxSuggestions = 3;

    public static RouteGroupBuilder MapSuggestionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/suggestions").WithTags("Suggestions").ForClass(EndpointClass.Public);
        group.MapGet("/", Suggest)
            .WithSummary("Articles for what the user is typing")
            .WithDescription("Up to three public articles for q (the subject and description so far), in the locale's language when the help center has articles in it. Records nothing.");
        return group;
    }

    private static async Task<Results<Ok<SuggestionsResponse>, ValidationProblem>> Suggest(
        string? q, string? locale, HybridRetriever retriever, SuggestionRequestRules rules, CancellationToken cancellationToken)
    {
        if (rules.Check(q, locale) is { IsEmpty: false } errors) return errors.ToProblem();

        // What the user types may hold personal data; the query that reaches an embedding provider never does.
        var query = PiiRedactor.Redact(q!).Text;
        var result = await retriever.RetrieveAsync(new RetrievalQuery(query, new RetrievalFilter(Audience.Public, locale), MaxSuggestions), cancellationToken);
        // A language the help center has no article in: suggest from all public articles instead.
        if (result.Articles.Count == 0 && locale is not null)
            result = await retriever.RetrieveAsync(new RetrievalQuery(query, new RetrievalFilter(Audience.Public), MaxSuggestions), cancellationToken);
        return TypedResults.Ok(new SuggestionsResponse(result.Articles.Take(MaxSuggestions).Select(a => new Suggestion(a.ArticleId, a.Title, a.Url, a.Snippet)).ToList()));
    }
}
