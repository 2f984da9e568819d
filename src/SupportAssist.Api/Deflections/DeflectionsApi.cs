using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupportAssist.Answering;
using SupportAssist.Api.Hosting;
using SupportAssist.Api.Outcomes;
using SupportAssist.Deflection;
using SupportAssist.Knowledge;
using SupportAssist.Outcomes;
using SupportAssist.Retrieval;

namespace SupportAssist.Api.Deflections;

/// <summary><c>POST /v1/deflections</c>: for end users about to contact support. Public: it only ever sees public articles.</summary>
internal static class DeflectionsApi
{
    public static RouteGroupBuilder MapDeflectionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/deflections").WithTags("Deflections").ForClass(EndpointClass.Public);
        group.MapPost("/", Deflect)
            .WithSummary("Answer, suggest articles, or hand over to a person")
            .WithDescription("Questions about the customer's own account, suspected fraud or compromise, legal threats and requests for a person always go to a person. Otherwise public articles are retrieved; an answer is shown only when the evidence clears the threshold and every citation is one of the passages given. With no LLM configured, answers are extractive (quoted sentences, mode 'extractive').");
        group.MapPost("/{id:guid}/feedback", RecordFeedback)
            .WithSummary("Record what the user did after a deflection")
            .WithDescription("kind: helpful, not_helpful or contacted_support. The comment is redacted before it is stored. helpful and not_helpful are one verdict: the first stands, the same again is accepted without a second record (204), the other gives 409. contacted_support is recorded once, beside either verdict. 404 when the deflection id is unknown.");
        return group;
    }

    private static async Task<Results<Ok<DeflectionResponse>, ServerSentEventsResult<string>, ValidationProblem>> Deflect(
        DeflectionRequestBody body, HttpRequest http, DeflectionService deflection, IOptions<DeflectionOptions> options, CancellationToken cancellationToken)
    {
        var errors = Validate(body, options.Value);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var request = new DeflectionRequest(body.Question!.Trim(), body.Locale, body.ProductArea, body.CustomerPlan, body.SessionId);
        var wantsStream = http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
        if (wantsStream)
        {
            // The first update follows retrieval: an unreachable index still gets its 503 before the stream starts.
            var updates = deflection.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var any = await updates.MoveNextAsync();
            return TypedResults.ServerSentEvents(Events(Resume(updates, any), cancellationToken));
        }
        return TypedResults.Ok(ToResponse(await deflection.DeflectAsync(request, cancellationToken)));
    }

    /// <summary>
    /// The stream: <c>articles</c> first (the suggestions, as soon as retrieval is done), then <c>answer</c> events
    /// with text as the composer writes it (an LLM's text is shown up to its last valid citation), a <c>retract</c>
    /// event if text already shown must be cleared, and last <c>decision</c> with the whole response: streamed text
    /// is an answer only if the decision is <c>answer</c>.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<DeflectionUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            if (update.Articles is { } articles)
                yield return new SseItem<string>(JsonSerializer.Serialize(articles.Select(ToSuggestion).ToList(), Json), "articles");
            else if (update.Answer is { Retract: true })
                yield return new SseItem<string>("{}", "retract");
            else if (update.Answer is { Piece: { } piece })
                yield return new SseItem<string>(JsonSerializer.Serialize(new { text = piece }, Json), "answer");
            else if (update.Result is { } result)
                yield return new SseItem<string>(JsonSerializer.Serialize(ToResponse(result), Json), "decision");
        }
    }

    private static async IAsyncEnumerable<DeflectionUpdate> Resume(IAsyncEnumerator<DeflectionUpdate> updates, bool hasCurrent)
    {
        await using (updates)
        {
            if (!hasCurrent) yield break;
            do yield return updates.Current;
            while (await updates.MoveNextAsync());
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static DeflectionResponse ToResponse(DeflectionResult result) => new(
        result.Id,
        DeflectionService.WireName(result.Decision),
        result.Confidence,
        result.Answer is { } answer
            ? new DeflectionAnswer(answer.Text, DeflectionService.ModeName(answer.Mode), answer.Composer, answer.Citations.Select(ToCitation).ToList())
            : null,
        result.SuggestedArticles.Select(ToSuggestion).ToList(),
        result.Reasons,
        result.Degraded);

    internal static SuggestedArticle ToSuggestion(ArticleHit hit) => new(hit.ArticleId, hit.Title, hit.Url, hit.Snippet, Math.Round(hit.Score, 4));

    internal static CitationBody ToCitation(Citation citation) =>
        new(citation.Number, citation.ChunkId, citation.ArticleId, citation.Title, citation.Url, citation.Quote, citation.Audience.ToWireName());

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RecordFeedback(
        Guid id, DeflectionFeedbackBody body, DeflectionService deflection, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DeflectionFeedbackKind? kind = body?.Kind switch
        {
            "helpful" => DeflectionFeedbackKind.Helpful,
            "not_helpful" => DeflectionFeedbackKind.NotHelpful,
            "contacted_support" => DeflectionFeedbackKind.ContactedSupport,
            _ => null,
        };
        if (kind is null) errors["kind"] = ["must be 'helpful', 'not_helpful' or 'contacted_support'"];
        if (body?.Comment is { Length: > MaxCommentChars }) errors["comment"] = [$"must be at most {MaxCommentChars} characters (got {body.Comment.Length})"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await deflection.RecordFeedbackAsync(id, kind!.Value, body!.Comment, cancellationToken);
        return FeedbackResponses.ToHttp(result, "deflection", id);
    }

    private const int MaxCommentChars = 2000;

    private static Dictionary<string, string[]> Validate(DeflectionRequestBody? body, DeflectionOptions settings)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null)
        {
            errors["body"] = ["is required: a JSON object with at least 'question'"];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(body.Question)) errors["question"] = ["is required and must contain text"];
        else if (body.Question.Length > settings.MaxQuestionChars) errors["question"] = [$"must be at most {settings.MaxQuestionChars} characters (got {body.Question.Length})"];
        if (body.Locale is not null && !ArticleRules.IsValidLocale(body.Locale)) errors["locale"] = ["must be a language tag such as 'en' or 'es-MX'"];
        if (body.ProductArea is not null && !ArticleRules.IsValidId(body.ProductArea)) errors["productArea"] = ["must be a product area slug such as 'refunds'"];
        if (body.CustomerPlan is not null && !CustomerFields.IsPlan(body.CustomerPlan)) errors["customerPlan"] = [CustomerFields.PlanRule];
        // An opaque token: it is stored as sent, so it must not be able to carry an email address or a name.
        if (body.SessionId is not null && (body.SessionId.Length is 0 or > 128 || !body.SessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
            errors["sessionId"] = ["must be an opaque token of 1-128 letters, digits, '-', '_', '.' or ':'"];
        return errors;
    }
}
