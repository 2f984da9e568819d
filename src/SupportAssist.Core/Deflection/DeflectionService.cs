using System.Globalization;
using Microsoft.Extensions.Options;
using SupportAssist.Answering;
using SupportAssist.Knowledge;
using SupportAssist.Outcomes;
using SupportAssist.Privacy;
using SupportAssist.Retrieval;

namespace SupportAssist.Deflection;

/// <summary>What the service decided for an end user's question.</summary>
public enum DeflectionDecision
{
    /// <summary>A grounded answer with citations is shown.</summary>
    Answer,

    /// <summary>Articles are suggested; no answer is shown.</summary>
    SuggestArticles,

    /// <summary>The case goes to a person.</summary>
    ContactSupport,
}

/// <summary>An end user's question, as the deflection endpoint receives it.</summary>
public sealed record DeflectionRequest(string Question, string? Locale, string? ProductArea, string? CustomerPlan, string? SessionId);

/// <summary>The decision, how sure it is, the answer when one is shown, the articles, and why.</summary>
public sealed record DeflectionResult(
    Guid Id,
    DeflectionDecision Decision,
    double Confidence,
    ComposedAnswer? Answer,
    IReadOnlyList<ArticleHit> SuggestedArticles,
    IReadOnlyList<HandoffMatch> Handoff,
    IReadOnlyList<string> Reasons,
    bool Degraded);

/// <summary>
/// How well the best retrieved passage covers the question: the share of the question's content words (stemmed)
/// found in one of the top passages (title, headings and text). Retrieval's fused score is rank-based (the
/// first result of any query scores 1), so it cannot say whether anything matched; coverage can.
/// </summary>
public static class DeflectionEvidence
{
    /// <summary>Coverage in [0, 1] of <paramref name="question"/> by the best of <paramref name="chunks"/>.</summary>
    public static double Of(string question, IEnumerable<Chunk> chunks)
    {
        var stems = SnippetBuilder.QueryStems(question);
        if (stems.Count == 0) return 0;
        var best = 0;
        foreach (var chunk in chunks)
        {
            var words = SnippetBuilder.QueryStems(chunk.Title + " " + chunk.HeadingPath + " " + chunk.Text);
            best = Math.Max(best, stems.Count(words.Contains));
        }
        return best / (double)stems.Count;
    }
}

/// <summary>
/// Deflection for end users: questions that need a person go to one whatever the help center says; otherwise
/// public articles are retrieved, the evidence is weighed, and a grounded answer is shown only when the
/// evidence clears the answer threshold and every citation checks out.
/// </summary>
public sealed class DeflectionService(
    HybridRetriever retriever, IAnswerComposer composer, HumanHandoffRules handoffRules, IOutcomeLog outcomes, TimeProvider clock, IOptions<DeflectionOptions> options)
{
    /// <summary>The composer version recorded with every outcome that has an answer.</summary>
    public const string ExtractiveComposerVersion = "extractive/1";

    /// <summary>
    /// Decides for <paramref name="request"/> and records the outcome (redacted input, retrieved chunks, decision,
    /// answer, latency) under the result's id. Public deflection only ever sees public articles.
    /// </summary>
    public async Task<DeflectionResult> DeflectAsync(DeflectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var (result, question, retrieved) = await DecideAsync(request, cancellationToken);
        var answer = result.Answer;
        await outcomes.RecordAsync(new Outcome(
            result.Id, "deflection", clock.GetUtcNow(), question, request.Locale, request.ProductArea, request.CustomerPlan, request.SessionId,
            WireName(result.Decision), result.Confidence, result.Reasons, retrieved,
            result.SuggestedArticles.Select(a => a.ArticleId).ToList(),
            answer?.Text, answer?.Citations.Select(c => c.ChunkId).ToList() ?? [],
            answer is null ? null : answer.Mode == AnswerMode.Extractive ? ExtractiveComposerVersion : "generated",
            Math.Round(clock.GetElapsedTime(started).TotalMilliseconds, 3)), cancellationToken);
        return result;
    }

    /// <summary>
    /// Records what the user did after deflection <paramref name="id"/>; the comment is redacted first. False,
    /// and nothing stored, when no such deflection was recorded.
    /// </summary>
    public Task<bool> RecordFeedbackAsync(Guid id, DeflectionFeedbackKind kind, string? comment, CancellationToken cancellationToken)
    {
        var wire = kind switch
        {
            DeflectionFeedbackKind.Helpful => "helpful",
            DeflectionFeedbackKind.NotHelpful => "not_helpful",
            _ => "contacted_support",
        };
        var redacted = comment is null ? null : PiiRedactor.Redact(comment).Text;
        return outcomes.RecordFeedbackAsync(new FeedbackEvent(id, wire, clock.GetUtcNow(), redacted), cancellationToken);
    }

    /// <summary>The wire name of a decision: <c>answer</c>, <c>suggest_articles</c> or <c>contact_support</c>.</summary>
    public static string WireName(DeflectionDecision decision) => decision switch
    {
        DeflectionDecision.Answer => "answer",
        DeflectionDecision.SuggestArticles => "suggest_articles",
        _ => "contact_support",
    };

    private async Task<(DeflectionResult Result, string Question, List<RetrievedChunk> Retrieved)> DecideAsync(DeflectionRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = Guid.NewGuid();
        // Everything downstream (retrieval, composers, reasons, and later providers and the outcome store)
        // sees the question with its PII replaced by placeholders.
        var redaction = PiiRedactor.Redact(request.Question);
        var question = redaction.Text;
        var handoff = handoffRules.Match(question);
        var filter = new RetrievalFilter(Audience.Public, request.Locale, request.ProductArea);
        var retrieval = await retriever.RetrieveAsync(new RetrievalQuery(question, filter, settings.SuggestedArticles), cancellationToken);
        var suggestions = retrieval.Articles.Take(settings.SuggestedArticles).ToList();
        var chunks = retrieval.Chunks.Take(settings.Passages).ToList();
        var retrieved = retrieval.Chunks.Select(c => new RetrievedChunk(c.Chunk.ArticleId, c.Chunk.Id, Math.Round(c.Score, 6))).ToList();
        var evidence = Math.Round(DeflectionEvidence.Of(question, chunks.Select(c => c.Chunk)), 3);
        var reasons = new List<string>();
        if (redaction.Findings.Count > 0)
            reasons.Add($"personal data redacted before use: {string.Join(", ", redaction.Kinds.Select(k => PiiRedactor.Placeholder(k)))}");
        if (retrieval.Degraded) reasons.Add($"retrieval degraded: {retrieval.DegradedReason}");

        if (handoff.Count > 0)
        {
            reasons.AddRange(handoff.Select(h => $"needs a person ({Describe(h.Reason)}): \"{h.Trigger}\""));
            return (new DeflectionResult(id, DeflectionDecision.ContactSupport, evidence, null, suggestions, handoff, reasons, retrieval.Degraded), question, retrieved);
        }
        if (suggestions.Count == 0 || evidence < settings.SuggestThreshold)
        {
            reasons.Add(suggestions.Count == 0
                ? "no public article matches the question"
                : $"evidence {Format(evidence)} is below the suggestion threshold {Format(settings.SuggestThreshold)}");
            return (new DeflectionResult(id, DeflectionDecision.ContactSupport, evidence, null, suggestions, handoff, reasons, retrieval.Degraded), question, retrieved);
        }

        var passages = chunks.Select((c, i) => new Passage(i + 1, c.Chunk)).ToList();
        var answer = await composer.ComposeAsync(new AnswerRequest(question, passages), cancellationToken);
        var check = CitationCheck.Of(answer.Text, passages.Select(p => p.Number).ToList());
        if (evidence < settings.AnswerThreshold)
            reasons.Add($"evidence {Format(evidence)} is below the answer threshold {Format(settings.AnswerThreshold)}");
        else if (answer.Abstained)
            reasons.Add($"the composer abstained: {answer.AbstainReason}");
        else if (!check.IsGrounded)
            reasons.Add(check.Unknown.Count > 0 ? $"the answer cites passages it was not given: {string.Join(", ", check.Unknown)}" : "the answer cites no passage");
        else
        {
            reasons.Add($"evidence {Format(evidence)} clears the answer threshold {Format(settings.AnswerThreshold)}; every citation is one of the {passages.Count} passages given");
            return (new DeflectionResult(id, DeflectionDecision.Answer, evidence, answer, suggestions, handoff, reasons, retrieval.Degraded), question, retrieved);
        }
        return (new DeflectionResult(id, DeflectionDecision.SuggestArticles, evidence, null, suggestions, handoff, reasons, retrieval.Degraded), question, retrieved);
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Describe(HandoffReason reason) => reason switch
    {
        HandoffReason.AccountSpecific => "about this customer's own account",
        HandoffReason.FraudOrCompromise => "suspected fraud or compromise",
        HandoffReason.LegalThreat => "legal threat",
        HandoffReason.AsksForHuman => "asks for a person",
        _ => reason.ToString(),
    };
}
