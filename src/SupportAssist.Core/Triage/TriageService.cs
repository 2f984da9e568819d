using System.Globalization;
using Microsoft.Extensions.Logging;
using SupportAssist.Outcomes;
using SupportAssist.Privacy;
using SupportAssist.Text;

namespace SupportAssist.Triage;

/// <summary>
/// Triage of an incoming ticket: the intent from the trained classifier (or <c>unknown</c> below its
/// out-of-scope threshold), the category, priority and queue from the rules, sentiment, language and the kinds of
/// personal data found. The classifier reads the ticket with its personal data replaced by placeholders.
/// </summary>
public sealed partial class TriageService(IIntentClassifier classifier, TriageRuleSet rules, IOutcomeLog outcomes, TimeProvider clock, ILogger<TriageService> logger)
{
    /// <summary>The intent of a ticket that matches no known intent well enough.</summary>
    public const string Unknown = "unknown";

    /// <summary>The outcome kind of triage calls.</summary>
    public const string OutcomeKind = "triage";

    /// <summary>Triages <paramref name="request"/> and records the outcome.</summary>
    public async Task<(Guid Id, TriageResult Result)> TriageAsync(TriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var id = Guid.NewGuid();
        var (result, redacted) = await ClassifyAsync(request, cancellationToken);
        var latencyMs = Math.Round(clock.GetElapsedTime(started).TotalMilliseconds, 3);
        await outcomes.RecordAsync(new Outcome(
            id, OutcomeKind, clock.GetUtcNow(), redacted, result.Language, null, request.CustomerPlan, null,
            result.Intent, result.Confidence, result.Reasons, [], [], null, [], result.Classifier, latencyMs)
        {
            Triage = Summary(result),
            Prompts = result.Prompt is { } prompt ? [prompt] : [],
            Usage = result.Usage,
        }, cancellationToken);
        LogTriaged(logger, id, result.Intent, result.Priority, result.Queue, result.NeedsHumanReview, latencyMs);
        return (id, result);
    }

    /// <summary>Triages <paramref name="request"/> without recording it (drafts record their own outcome); also returns the redacted text.</summary>
    public async Task<(TriageResult Result, string RedactedText)> ClassifyAsync(TriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var redaction = PiiRedactor.Redact(request.Text);
        var prediction = await classifier.PredictAsync(redaction.Text, cancellationToken);
        var reasons = new List<string>();
        if (prediction.Note is { } note) reasons.Add(note);
        var top = prediction.Top;
        var threshold = prediction.Threshold ?? classifier.OutOfScopeThreshold;
        var known = top.Score >= threshold;
        var intent = known ? top.Intent : Unknown;
        reasons.Add(known
            ? $"intent {top.Intent} at {Format(top.Score)} (out-of-scope threshold {Format(threshold)})"
            : $"no known intent: the best, {top.Intent}, scores {Format(top.Score)}, under the out-of-scope threshold {Format(threshold)}");
        var category = known && rules.Intents.TryGetValue(intent, out var c) ? c : Unknown;
        var language = (LanguageGuess.OfLocale(request.Locale) ?? LanguageGuess.Of(request.Text)).Code;
        var (sentiment, frustrated, markers) = SentimentGuess.Of(request.Text, request.PreviousContacts);
        if (markers.Count > 0) reasons.Add($"{(frustrated ? "frustrated" : "tone")}: {string.Join(", ", markers)}");
        var text = TicketFacts.Normalize(request.Text);

        // The most urgent matching priority rule wins; with none, the default.
        var facts = new TicketFacts(intent, category, null, request.CustomerPlan, language, request.Channel, text);
        var fired = rules.PriorityRules.Select(r => (Rule: r, Why: RuleMatching.Explain(r.When, facts))).Where(m => m.Why is not null)
            .OrderBy(m => m.Rule.Priority).FirstOrDefault();
        var priority = fired.Rule?.Priority ?? rules.DefaultPriority;
        reasons.Add(fired.Rule is { } priorityRule ? $"priority {priority} by rule '{priorityRule.Name}' ({fired.Why})" : $"priority {priority}: no priority rule matched (default)");
        if (request.CustomerPlan is { } plan && rules.PremiumPlans.Contains(plan, StringComparer.OrdinalIgnoreCase) && priority > Priority.P1)
        {
            priority--;
            reasons.Add($"priority raised one step to {priority}: plan '{plan}'");
        }

        string queue;
        if (!known)
        {
            queue = rules.HumanReviewQueue;
            reasons.Add($"queue {queue}: no known intent, a person decides");
        }
        else
        {
            facts = facts with { Priority = priority };
            var routed = rules.RoutingRules.Select(r => (Rule: r, Why: RuleMatching.Explain(r.When, facts))).FirstOrDefault(m => m.Why is not null);
            queue = routed.Rule?.Queue ?? rules.DefaultQueue;
            reasons.Add(routed.Rule is { } rule ? $"queue {queue} by rule '{rule.Name}' ({routed.Why})" : $"queue {queue}: no routing rule matched (default)");
        }
        var review = !known || top.Score < rules.ReviewBelowConfidence;
        if (known && review) reasons.Add($"needs review: confidence {Format(top.Score)} is under {Format(rules.ReviewBelowConfidence)}");
        var result = new TriageResult(intent, category, priority, queue, sentiment, frustrated, language,
            redaction.Kinds.Select(EnumNames.Of).ToList(), Math.Round(top.Score, 4), review,
            prediction.Ranked.Skip(known ? 1 : 0).Take(3).Select(s => s with { Score = Math.Round(s.Score, 4) }).ToList(),
            reasons, classifier.Name)
        { Prompt = prediction.Prompt, Usage = prediction.Usage };
        return (result, redaction.Text);
    }

    /// <summary>What an outcome keeps of a triage result.</summary>
    public static TriageSummary Summary(TriageResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Intent, result.Category, result.Priority.ToString(), result.Queue, result.Sentiment.ToString().ToLowerInvariant(),
            result.Language, result.NeedsHumanReview);
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Triage {OutcomeId}: {Intent}, {Priority}, queue {Queue}, review {NeedsReview}, in {ElapsedMs} ms")]
    private static partial void LogTriaged(ILogger logger, Guid outcomeId, string intent, Priority priority, string queue, bool needsReview, double elapsedMs);
}
