using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupportAssist.Answering;
using SupportAssist.Deflection;
using SupportAssist.Knowledge;
using SupportAssist.Outcomes;

namespace SupportAssist.Api.Deflections;

/// <summary><c>POST /v1/deflections</c>: for end users about to contact support. Public: it only ever sees public articles.</summary>
internal static partial class DeflectionsApi
{
    public static RouteGroupBuilder MapDeflectionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/deflections").WithTags("Deflections");
        group.MapPost("/", Deflect)
            .WithSummary("Answer, suggest articles, or hand over to a person")
            .WithDescription("Questions about the customer's own account, suspected fraud or compromise, legal threats and requests for a person always go to a person. Otherwise public articles are retrieved; an answer is shown only when the evidence clears the threshold and every citation is one of the passages given. With no LLM configured, answers are extractive (quoted sentences, mode 'extractive').");
        group.MapPost("/{id:guid}/feedback", RecordFeedback)
            .WithSummary("Record what the user did after a deflection")
            .WithDescription("kind: helpful, not_helpful or contacted_support. The comment is redacted before it is stored. 404 when the deflection id is unknown.");
        return group;
    }

    private static async Task<Results<Ok<DeflectionResponse>, ServerSentEventsResult<string>, ValidationProblem>> Deflect(
        DeflectionRequestBody body, HttpRequest http, DeflectionService deflection, IOptions<DeflectionOptions> options, CancellationToken cancellationToken)
    {
        var errors = Validate(body, options.Value);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await deflection.DeflectAsync(
            new DeflectionRequest(body.Question!.Trim(), body.Locale, body.ProductArea, body.CustomerPlan, body.SessionId), cancellationToken);
        var response = ToResponse(result);
        var wantsStream = http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
        return wantsStream ? TypedResults.ServerSentEvents(Events(response)) : TypedResults.Ok(response);
    }

    /// <summary>
    /// The stream: <c>articles</c> first (the suggestions), then <c>answer</c> events with the answer text in
    /// pieces (only when an answer is shown), then <c>decision</c> with the whole response, citations included.
    /// The extractive composer's answer is complete before the first event; LLM composers will stream as they write.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(DeflectionResponse response)
    {
        yield return new SseItem<string>(JsonSerializer.Serialize(response.SuggestedArticles, Json), "articles");
        if (response.Answer is { } answer)
        {
            foreach (var piece in AnswerPieces(answer.Text))
                yield return new SseItem<string>(JsonSerializer.Serialize(new { text = piece }, Json), "answer");
        }
        yield return new SseItem<string>(JsonSerializer.Serialize(response, Json), "decision");
        await Task.CompletedTask;
    }

    // Word-sized pieces that concatenate back to the text exactly (whitespace travels with the word before it).
    private static IEnumerable<string> AnswerPieces(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i])))
            {
                yield return text[start..i];
                start = i;
            }
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static DeflectionResponse ToResponse(DeflectionResult result) => new(
        result.Id,
        DeflectionService.WireName(result.Decision),
        result.Confidence,
        result.Answer is { } answer
            ? new DeflectionAnswer(answer.Text, answer.Mode == AnswerMode.Extractive ? "extractive" : "generated",
                answer.Citations.Select(c => new CitationBody(c.Number, c.ChunkId, c.ArticleId, c.Title, c.Url, c.Quote)).ToList())
            : null,
        result.SuggestedArticles.Select(a => new SuggestedArticle(a.ArticleId, a.Title, a.Url, a.Snippet, Math.Round(a.Score, 4))).ToList(),
        result.Reasons,
        result.Degraded);

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

        return await deflection.RecordFeedbackAsync(id, kind!.Value, body!.Comment, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown deflection", detail: $"No deflection with id {id} was recorded.");
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
        if (body.CustomerPlan is not null && !PlanName().IsMatch(body.CustomerPlan)) errors["customerPlan"] = ["must be 1-64 letters, digits, '-' or '_'"];
        if (body.SessionId is not null && (body.SessionId.Length is 0 or > 128 || body.SessionId.Any(char.IsControl)))
            errors["sessionId"] = ["must be 1-128 characters without control characters"];
        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex PlanName();
}
