using SupportAssist.Retrieval;

namespace SupportAssist.Api.Search;

/// <summary>What a search's query string must be; limits from <see cref="RetrievalOptions"/>.</summary>
public sealed class SearchRequestRules(IOptions<RetrievalOptions> retrieval)
{
    private static readonly string[] Audiences = [EnumNames.Of(Audience.Public), EnumNames.Of(Audience.Agent)];

    // The wire's names for the retrieval modes (bm25 is the keyword retriever).
    private static readonly string[] Modes = ["hybrid", "dense", "bm25"];

    /// <summary>The search as asked (who, how many, which retrievers), and the errors.</summary>
    public (SearchParameters Search, FieldErrors Errors) Check(string? q, string? audience, string? locale, string? productArea, string? k, string? mode)
    {
        var settings = retrieval.Value;
        var errors = new FieldErrors();
        errors.RequiredText("q", q, settings.MaxQueryChars);
        if (!AudienceRules.TryParseAudience(audience ?? "public", out var who)) errors.Expected("audience", Audiences);
        errors.Locale("locale", locale);
        errors.ProductArea("productArea", productArea);
        var limit = errors.WholeNumber("k", k, 1, settings.MaxResults, settings.DefaultResults);
        var retrievalMode = mode?.ToLowerInvariant() switch
        {
            null or "hybrid" => RetrievalMode.Hybrid,
            "dense" => RetrievalMode.Dense,
            "bm25" => RetrievalMode.Keyword,
            _ => (RetrievalMode?)null,
        };
        if (retrievalMode is null) errors.Expected("mode", Modes);
        return (new SearchParameters(who, limit, retrievalMode ?? RetrievalMode.Hybrid), errors);
    }
}
