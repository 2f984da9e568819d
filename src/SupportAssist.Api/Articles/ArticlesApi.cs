using System.Globalization;

namespace SupportAssist.Api.Articles;

/// <summary>Managing the knowledge base: put, get and delete articles, import many as NDJSON.</summary>
internal static class ArticlesApi
{
    public static RouteGroupBuilder MapArticlesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/articles").WithTags("Articles").ForClass(EndpointClass.Admin);
        group.MapPut("/{id}", Put).WithSummary("Create or replace an article").WithDescription(
            "Indexes the article incrementally: unchanged content does no work; changed content replaces the article's chunks atomically; published=false removes it from search.");
        group.MapGet("/{id}", Get).WithSummary("Get an article as stored");
        group.MapDelete("/{id}", Delete).WithSummary("Delete an article; it disappears from search at once");
        group.MapPost("/import", Import).WithSummary("Import articles from NDJSON, one article object per line")
            .Accepts<ArticleRequest>(NdjsonImport.ContentType)
            .WithMetadata(new ImportBodyMetadata())
            .WithDescription("Valid lines are imported even when others are rejected; the response lists each rejected line with its number and reasons.");
        return group;
    }

    private static async Task<Results<Created<ArticleWriteResponse>, Ok<ArticleWriteResponse>, ValidationProblem>> Put(
        string id, ArticleRequest request, KnowledgeBaseIngestor ingestor, IAuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        var (article, errors) = ArticleRequestRules.Check(id, request);
        if (article is null) return errors.ToProblem();
        var result = await ingestor.IngestAsync(article, cancellationToken);
        var response = new ArticleWriteResponse(result.ArticleId, result.Status, result.Chunks, result.Embedded);
        await audit.RecordAsync(Actor(http), "article.put", id, $"{EnumNames.Of(response.Status)}, {result.Chunks} chunks", CancellationToken.None);
        return result.Status == IngestStatus.Created
            ? TypedResults.Created($"/v1/articles/{id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> Get(
        string id, IKnowledgeStore store, CancellationToken cancellationToken)
    {
        var stored = await store.GetArticleAsync(id, cancellationToken);
        if (stored is null) return NotFoundProblem(id);
        var a = stored.Article;
        return TypedResults.Ok(new ArticleResponse(a.Id, a.Title, a.Url, a.Locale, a.Audience, a.ProductArea, a.Tags,
            a.Updated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Body, stored.ContentHash, stored.ChunkCount, stored.IndexedAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, KnowledgeBaseIngestor ingestor, IAuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await ingestor.DeleteAsync(id, cancellationToken)) return NotFoundProblem(id);
        await audit.RecordAsync(Actor(http), "article.delete", id, "deleted", CancellationToken.None);
        return TypedResults.NoContent();
    }

    // Who made a change, for the audit trail: the key's name, or "open" when no keys are configured.
    private static string Actor(HttpContext http) => ApiKeyAuthentication.CallerName(http.User) ?? ApiKeyAuthentication.OpenCaller;

    private static async Task<Results<Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> Import(
        HttpRequest request, KnowledgeBaseIngestor ingestor, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!NdjsonImport.IsAcceptedContentType(request.ContentType))
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.",
                detail: $"Send NDJSON with Content-Type: {NdjsonImport.ContentType} (one JSON article object per line).");

        List<NdjsonImport.ParsedLine> lines;
        try
        {
            lines = await NdjsonImport.ReadAsync(request.Body, cancellationToken);
        }
        catch (NdjsonImport.InvalidEncodingException invalid)
        {
            var notUtf8 = new FieldErrors();
            notUtf8.NotUtf8("body", invalid.Line);
            return notUtf8.ToProblem();
        }
        if (lines.Count == 0)
        {
            var empty = new FieldErrors();
            empty.NoLines("body");
            return empty.ToProblem();
        }

        var rejected = lines.Where(l => l.Article is null).Select(l => new RejectedLine(l.Line, l.ArticleId, l.Errors)).ToList();
        var counts = new Dictionary<IngestStatus, int>();
        try
        {
            // Written in batches (one transaction each); counted as each batch commits.
            await foreach (var result in ingestor.IngestManyAsync(lines.Where(l => l.Article is not null).Select(l => l.Article!), cancellationToken))
                counts[result.Status] = counts.GetValueOrDefault(result.Status) + 1;
        }
        finally
        {
            // What was written is audited even when the import stopped part-way (index unavailable, client gone); an
            // import refused whole wrote nothing, and leaves no trace either.
            if (counts.Count > 0)
            {
                await audit.RecordAsync(Actor(request.HttpContext), "article.import", "*",
                    $"{counts.GetValueOrDefault(IngestStatus.Created)} created, {counts.GetValueOrDefault(IngestStatus.Updated)} updated, {counts.GetValueOrDefault(IngestStatus.Unchanged)} unchanged, "
                    + $"{counts.GetValueOrDefault(IngestStatus.Unpublished)} unpublished, {rejected.Count} rejected of {lines.Count} lines", CancellationToken.None);
            }
        }
        var response = new ImportResponse(lines.Count, counts.GetValueOrDefault(IngestStatus.Created), counts.GetValueOrDefault(IngestStatus.Updated),
            counts.GetValueOrDefault(IngestStatus.Unchanged), counts.GetValueOrDefault(IngestStatus.Unpublished), rejected);
        if (rejected.Count == lines.Count)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No line could be imported.",
                detail: $"All {lines.Count} lines were rejected; see 'rejected' for each line's reasons. Nothing was written.",
                extensions: new Dictionary<string, object?> { ["rejected"] = rejected });
        }
        return TypedResults.Ok(response);
    }

    private static ProblemHttpResult NotFoundProblem(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Article not found.", detail: $"No article with id '{id}'.");
}
