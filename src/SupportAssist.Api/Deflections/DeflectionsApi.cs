using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using SupportAssist.Deflection;
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
        DeflectionRequestBody body, HttpRequest http, DeflectionService deflection, DeflectionRequestRules rules, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (rules.Check(body) is { IsEmpty: false } errors) return errors.ToProblem();

        var request = new DeflectionRequest(body.Question!.Trim(), body.Locale, body.ProductArea, body.CustomerPlan, body.SessionId);
        var wantsStream = http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
        if (wantsStream)
        {
            // The first update follows retrieval: an unreachable index still gets its 503 before the stream starts.
            var updates = deflection.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var any = await updates.MoveNextAsync();
            return TypedResults.ServerSentEvents(Events(Resume(updates, any), json.Value.SerializerOptions, cancellationToken));
        }
        return TypedResults.Ok(ToResponse(await deflection.DeflectAsync(request, cancellationToken)));
    }

    /// <summary>
    /// The stream: <c>articles</c> first (the suggestions, as soon as retrieval is done), then <c>answer</c> events
    /// with text as the composer writes it (an LLM's text is shown up to its last valid citation), a <c>retract</c>
    /// event if text already shown must be cleared, and last <c>decision</c> with the whole response: streamed text
    /// is an answer only if the decision is <c>answer</c>.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(
        IAsyncEnumerable<DeflectionUpdate> updates, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            if (update.Articles is { } articles)
                yield return new SseItem<string>(JsonSerializer.Serialize(articles.Select(SuggestedArticle.Of).ToList(), json), "articles");
            else if (update.Answer is { Retract: true })
                yield return new SseItem<string>("{}", "retract");
            else if (update.Answer is { Piece: { } piece })
                yield return new SseItem<string>(JsonSerializer.Serialize(new { text = piece }, json), "answer");
            else if (update.Result is { } result)
                yield return new SseItem<string>(JsonSerializer.Serialize(ToResponse(result), json), "decision");
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

    private static DeflectionResponse ToResponse(DeflectionResult result) => new(
        result.Id,
        result.Decision,
        result.Confidence,
        result.Answer is { } answer
            ? new DeflectionAnswer(answer.Text, answer.Mode, answer.Composer, answer.Citations.Select(CitationBody.Of).ToList())
            : null,
        result.SuggestedArticles.Select(SuggestedArticle.Of).ToList(),
        result.Reasons,
        result.Degraded);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RecordFeedback(
        Guid id, DeflectionFeedbackBody body, DeflectionService deflection, DeflectionRequestRules rules, CancellationToken cancellationToken)
    {
        var (kind, errors) = rules.Check(body);
        if (!errors.IsEmpty) return errors.ToProblem();

        var result = await deflection.RecordFeedbackAsync(id, kind!.Value, body!.Comment, cancellationToken);
        return FeedbackResponses.ToHttp(result, "deflection", id);
    }
}
