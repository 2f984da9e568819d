using SupportAssist.Retrieval;

namespace SupportAssist.Api.Search;

/// <summary><c>GET /v1/search</c>: hybrid retrieval over the help center, for admins and for tuning.</summary>
internal static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/search").WithTags("Search").ForClass(EndpointClass.Search);
        group.MapGet("/", Search)
            .WithSummary("Search the help center")
            .WithDescription("Dense and BM25 retrieval fused with reciprocal rank fusion, aggregated to articles. audience=public (default) never returns internal articles; audience=agent needs an agent key (a public-search key gets 403).");
        return group;
    }

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> Search(
        string? q, string? audience, string? locale, string? productArea, string? k, string? mode,
        HybridRetriever retriever, SearchRequestRules rules, IOptions<SecurityOptions> security, HttpContext http, CancellationToken cancellationToken)
    {
        var (search, errors) = rules.Check(q, audience, locale, productArea, k, mode);
        if (!errors.IsEmpty) return errors.ToProblem();
        var who = search.Audience;
        // A public-search key (a help site's widget) sees public articles only.
        if (who == Audience.Agent && !security.Value.Open && !http.User.IsInRole(Scopes.Agent))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Internal articles need an agent key.",
                detail: "This key may search public articles only (scope public-search): leave out audience or set it to 'public'.");
        }

        var filter = new RetrievalFilter(who, locale, productArea);
        // A query may hold personal data (an agent pasting a ticket); what reaches an embedding provider never does.
        var result = await retriever.RetrieveAsync(new RetrievalQuery(Privacy.PiiRedactor.Redact(q!).Text, filter, search.Limit, search.Mode), cancellationToken);
        var results = result.Articles.Select((a, i) => new SearchResult(
            i + 1, a.ArticleId, a.Title, a.Url, a.Locale, a.ProductArea, a.Score, a.ChunkId, a.HeadingPath, a.Snippet,
            a.Sources.Select(s => s.Retriever).ToList(),
            a.Sources.Select(s => new RetrieverRank(s.Retriever, s.Rank, Math.Round(s.Score, 6))).ToList())).ToList();
        return TypedResults.Ok(new SearchResponse(q!, who, locale, productArea, (mode ?? "hybrid").ToLowerInvariant(),
            result.Degraded, result.DegradedReason, Math.Round(result.Timings.TotalMs, 3), results));
    }
}
