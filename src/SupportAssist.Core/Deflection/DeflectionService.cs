using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Answering;
using SupportAssist.Knowledge;
using SupportAssist.Outcomes;
using SupportAssist.Policy;
using SupportAssist.Privacy;
using SupportAssist.Retrieval;
using SupportAssist.Text;

namespace SupportAssist.Deflection;

/// <summary>
/// Deflection for end users, in order: the question redacted, public articles retrieved, the evidence collected,
/// <see cref="DeflectionPolicy"/> decides, the composer answers when the policy chose to, the policy reviews that
/// answer (shown only when grounded), and the outcome is recorded.
/// </summary>
public sealed partial class DeflectionService(
    HybridRetriever retriever, IAnswerComposer composer, DeflectionPolicy policy, IOutcomeLog outcomes, TimeProvider clock, IOptions<DeflectionOptions> options,
    IEmbeddingGenerator<string, Embedding<float>> embedder, ILogger<DeflectionService> logger)
{
    /// <summary>The outcome kind of deflections.</summary>
    public const string OutcomeKind = "deflection";

    /// <summary>
    /// Decides for <paramref name="request"/> and records the outcome (redacted input, retrieved chunks, decision,
    /// answer, composer, prompt, tokens, latency) under the result's id. Public deflection only ever sees public articles.
    /// </summary>
    public async Task<DeflectionResult> DeflectAsync(DeflectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var plan = await PrepareAsync(request, cancellationToken);
        var composed = plan.Answer is null ? null : await composer.ComposeAsync(plan.Answer, cancellationToken);
        return await ConcludeAsync(request, plan, composed, started, abandoned: false, cancellationToken);
    }

    /// <summary>
    /// As <see cref="DeflectAsync"/>, streamed: the articles as soon as retrieval is done, the answer as the
    /// composer writes it, and the result (recorded first) last.
    /// </summary>
    public async IAsyncEnumerable<DeflectionUpdate> StreamAsync(DeflectionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var plan = await PrepareAsync(request, cancellationToken);
        ComposedAnswer? composed = null;
        var concluded = false;
        try
        {
            yield return new DeflectionUpdate(plan.Suggestions, null, null);
            if (plan.Answer is not null)
            {
                await foreach (var update in composer.StreamAsync(plan.Answer, cancellationToken))
                {
                    if (update.Answer is not null) composed = update.Answer;
                    else yield return new DeflectionUpdate(null, update, null);
                }
            }
            var result = await ConcludeAsync(request, plan, composed, started, abandoned: false, cancellationToken);
            concluded = true;
            yield return new DeflectionUpdate(null, null, result);
        }
        finally
        {
            // A client that goes away mid-stream still leaves its outcome (and, when known, the tokens spent).
            if (!concluded) await ConcludeAsync(request, plan, composed, started, abandoned: true, CancellationToken.None);
        }
    }

    /// <summary>
    /// Records what the user did after deflection <paramref name="id"/> (the comment redacted first), under
    /// <see cref="FeedbackRules.Deflection"/>: one verdict, and <c>contacted_support</c> once.
    /// </summary>
    public Task<FeedbackResult> RecordFeedbackAsync(Guid id, DeflectionFeedbackKind kind, string? comment, CancellationToken cancellationToken)
    {
        var wire = EnumNames.Of(kind);
        var redacted = comment is null ? null : PiiRedactor.Redact(comment).Text;
        return outcomes.RecordFeedbackAsync(new FeedbackEvent(id, wire, clock.GetUtcNow(), redacted), OutcomeKind, FeedbackRules.Deflection, cancellationToken);
    }

    // Everything decided before composing. When Answer is set the policy chose to answer and the composer is asked;
    // otherwise the decision is final.
    private sealed record Plan(
        Guid Id, string Question, PolicyDecision Decided, AnswerEvidence? Evidence, AnswerRequest? Answer,
        List<ArticleHit> Suggestions, IReadOnlyList<HandoffMatch> Handoff, List<string> Reasons, List<RetrievedChunk> Retrieved,
        string? RetrievalDegraded);

    private async Task<Plan> PrepareAsync(DeflectionRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = Guid.NewGuid();
        // Everything downstream (retrieval, composers and their providers, reasons, the outcome store) sees the
        // question with its PII replaced by placeholders.
        var redaction = PiiRedactor.Redact(request.Question);
        var question = redaction.Text;
        var handoff = policy.Handoff(question);
        var filter = new RetrievalFilter(Audience.Public, request.Locale, request.ProductArea);
        var retrieval = await retriever.RetrieveAsync(new RetrievalQuery(question, filter, settings.SuggestedArticles) { NeedsRetrieverScores = true }, cancellationToken);
        var suggestions = retrieval.Articles.Take(settings.SuggestedArticles).ToList();
        var passages = retrieval.Chunks.Take(settings.Passages).Select((c, i) => new Passage(i + 1, c.Chunk)).ToList();
        var retrieved = retrieval.Chunks.Select(c => new RetrievedChunk(c.Chunk.ArticleId, c.Chunk.Id, Math.Round(c.Score, 6))).ToList();
        var reasons = new List<string>();
        if (redaction.Findings.Count > 0)
            reasons.Add($"personal data redacted before use: {string.Join(", ", redaction.Kinds.Select(k => PiiRedactor.Placeholder(k)))}");
        var degraded = retrieval.Degraded ? $"retrieval degraded: {retrieval.DegradedReason}" : null;
        if (degraded is not null) reasons.Add(degraded);

        AnswerEvidence? evidence = null;
        IReadOnlyList<AnswerUnit> units = [];
        if (DeflectionPolicy.WeighsEvidence(handoff, suggestions.Count, retrieval.QueryVector is not null))
        {
            var (scored, failure) = await UnitSimilarity.ScoreAsync(AnswerUnits.Of(passages), retrieval.QueryVector, embedder, cancellationToken);
            if (failure is not null) LogUnitEmbeddingFailed(logger, failure.GetType().Name, failure);
            units = scored;
            evidence = AnswerEvidence.Collect(question, retrieval, units, passages);
        }
        var decided = policy.Decide(new PolicyInput(handoff, suggestions.Count, evidence));
        reasons.AddRange(decided.Reasons.Select(r => r.Text));
        AnswerRequest? answer = null;
        if (decided.Decision == DeflectionDecision.Answer)
        {
            var language = LanguageGuess.OfLocale(request.Locale) ?? LanguageGuess.Of(question);
            answer = new AnswerRequest(question, passages, language.Name) { Units = units };
        }
        return new Plan(id, question, decided, evidence, answer, suggestions, handoff, reasons, retrieved, degraded);
    }

    private async Task<DeflectionResult> ConcludeAsync(
        DeflectionRequest request, Plan plan, ComposedAnswer? composed, long started, bool abandoned, CancellationToken cancellationToken)
    {
        var reasons = plan.Reasons;
        if (abandoned) reasons.Add("the client disconnected before the decision was sent");
        var final = plan.Decided;
        if (composed is not null)
        {
            final = policy.Review(plan.Decided, composed, plan.Answer!.Passages.Select(p => p.Number).ToList());
            // The review keeps the decision's reasons and adds its own after them.
            reasons.AddRange(final.Reasons.Skip(plan.Decided.Reasons.Count).Select(r => r.Text));
        }
        var decision = final.Decision;
        var shown = final.Answer;
        var degradedReason = string.Join("; ", new[] { plan.RetrievalDegraded, composed?.DegradedReason }.OfType<string>());
        var result = new DeflectionResult(plan.Id, decision, final.Confidence, shown, plan.Suggestions, plan.Handoff, reasons, degradedReason.Length > 0)
        {
            Evidence = plan.Evidence,
            Probability = final.Probability,
        };
        var wire = abandoned ? "abandoned" : EnumNames.Of(decision);
        var mode = composed is null ? null : EnumNames.Of(composed.Mode);
        var latencyMs = Math.Round(clock.GetElapsedTime(started).TotalMilliseconds, 3);
        await outcomes.RecordAsync(new Outcome(
            plan.Id, OutcomeKind, clock.GetUtcNow(), plan.Question, request.Locale, request.ProductArea, request.CustomerPlan, request.SessionId,
            wire, final.Confidence, reasons, plan.Retrieved,
            plan.Suggestions.Select(a => a.ArticleId).ToList(),
            shown?.Text, shown?.Citations.Select(c => c.ChunkId).ToList() ?? [],
            composed?.Composer,
            latencyMs)
        {
            Mode = mode,
            Prompts = composed?.Prompt is { } prompt ? [prompt] : [],
            Usage = composed?.Usage,
            DegradedReason = degradedReason.Length > 0 ? degradedReason : null,
        }, cancellationToken);
        LogDecided(logger, plan.Id, wire, mode ?? "none", composed?.Composer ?? "none", result.Degraded, latencyMs);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deflection {OutcomeId} decided {Decision} (mode {Mode}, composer {Composer}, degraded {Degraded}) in {ElapsedMs} ms")]
    private static partial void LogDecided(ILogger logger, Guid outcomeId, string decision, string mode, string composer, bool degraded, double elapsedMs);


    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding answer sentences failed ({ErrorType}); sentences are ranked by their words only")]
    private static partial void LogUnitEmbeddingFailed(ILogger logger, string errorType, Exception exception);
}
