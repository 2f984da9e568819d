using System.Diagnostics.Metrics;
using SupportAssist.Answering;
using SupportAssist.Outcomes;

namespace SupportAssist.Diagnostics;

/// <summary>
/// The service's own instruments on the <see cref="SupportAssistTelemetry.Name"/> meter, created through the host's
/// <see cref="IMeterFactory"/> (one meter per host, so parallel hosts never count into each other). Tag values come
/// from small fixed sets: no customer text, ids or free-form reasons ever become a tag.
/// </summary>
public sealed class SupportAssistMetrics
{
    // Seconds, as OpenTelemetry's conventions ask, with the boundaries ASP.NET Core uses for request durations.
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];
    private static readonly double[] UnitIntervalBuckets = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];
    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _confidence;
    private readonly Histogram<double> _topScore;
    private readonly Histogram<double> _retrievalDuration;
    private readonly Histogram<double> _composerDuration;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly Histogram<int> _writeBatch;
    private readonly Counter<long> _rateLimitRejections;
    private Func<int>? _writeQueueDepth;

    /// <summary>Creates the instruments on the <see cref="SupportAssistTelemetry.Name"/> meter of <paramref name="meterFactory"/>.</summary>
    public SupportAssistMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(SupportAssistTelemetry.Name);
        _decisions = meter.CreateCounter<long>(Decisions, "{decision}", "Deflection, draft and triage decisions, by kind and decision.");
        _confidence = meter.CreateHistogram(Confidence, "1", "The confidence of each deflection and triage decision.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = UnitIntervalBuckets });
        _topScore = meter.CreateHistogram(TopScore, "1", "The best article's normalised retrieval score (0 when nothing was found).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = UnitIntervalBuckets });
        _retrievalDuration = meter.CreateHistogram(RetrievalDuration, "s", "How long hybrid retrieval took, by mode and whether it degraded.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _composerDuration = meter.CreateHistogram(ComposerDuration, "s", "How long composing an answer, draft or summary took, by composer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _tokens = meter.CreateCounter<long>(LlmTokens, "{token}", "Tokens read and written by language models, by kind and direction.");
        _cost = meter.CreateCounter<double>(LlmCost, "{cost}", "Estimated language-model cost, in the currency of the configured token prices.");
        meter.CreateObservableGauge(WriteQueueDepth, ObserveWriteQueue, "{write}", "Writes waiting in the embedded store's group-commit queue.");
        _writeBatch = meter.CreateHistogram(WriteBatchSize, "{write}", "Writes committed together in one group-commit transaction.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
        _rateLimitRejections = meter.CreateCounter<long>(RateLimitRejections, "{request}", "Requests refused by a rate limit, by endpoint class.");
    }

    /// <summary>Counter <c>supportassist.decisions</c>, tags <c>kind</c> and <c>decision</c>.</summary>
    public const string Decisions = "supportassist.decisions";

    /// <summary>Histogram <c>supportassist.decision.confidence</c>, tag <c>kind</c>.</summary>
    public const string Confidence = "supportassist.decision.confidence";

    /// <summary>Histogram <c>supportassist.retrieval.top_score</c>, tag <c>degraded</c>.</summary>
    public const string TopScore = "supportassist.retrieval.top_score";

    /// <summary>Histogram <c>supportassist.retrieval.duration</c> in seconds, tags <c>mode</c> and <c>degraded</c>.</summary>
    public const string RetrievalDuration = "supportassist.retrieval.duration";

    /// <summary>Histogram <c>supportassist.composer.duration</c> in seconds, tags <c>composer</c>, <c>task</c> and <c>degraded</c>.</summary>
    public const string ComposerDuration = "supportassist.composer.duration";

    /// <summary>Counter <c>supportassist.llm.tokens</c>, tags <c>kind</c> and <c>direction</c>.</summary>
    public const string LlmTokens = "supportassist.llm.tokens";

    /// <summary>Counter <c>supportassist.llm.cost</c>, tag <c>kind</c>.</summary>
    public const string LlmCost = "supportassist.llm.cost";

    /// <summary>Observable gauge <c>supportassist.store.write_queue.depth</c>.</summary>
    public const string WriteQueueDepth = "supportassist.store.write_queue.depth";

    /// <summary>Histogram <c>supportassist.store.write_batch.size</c>.</summary>
    public const string WriteBatchSize = "supportassist.store.write_batch.size";

    /// <summary>Counter <c>supportassist.rate_limit.rejections</c>, tag <c>endpoint_class</c>.</summary>
    public const string RateLimitRejections = "supportassist.rate_limit.rejections";

    /// <summary>
    /// Counts a recorded outcome's decision, its confidence, and the tokens and cost its language-model calls spent.
    /// </summary>
    public void RecordOutcome(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var kind = KindTag(outcome.Kind);
        _decisions.Add(1, new("kind", kind), new("decision", DecisionTag(outcome)));
        // Drafts carry no confidence of their own (their triage's is in the triage outcome).
        if (kind != "draft") _confidence.Record(outcome.Confidence, new KeyValuePair<string, object?>("kind", kind));
        if (outcome.Usage is { } usage) RecordUsage(kind, usage);
    }

    /// <summary>Records one retrieval: its duration, and the best article's score.</summary>
    public void RecordRetrieval(TimeSpan elapsed, string mode, bool degraded, double topScore)
    {
        _retrievalDuration.Record(elapsed.TotalSeconds, new("mode", mode), new("degraded", degraded));
        _topScore.Record(topScore, new KeyValuePair<string, object?>("degraded", degraded));
    }

    /// <summary>
    /// Records one composition: <paramref name="task"/> is <c>answer</c>, <c>draft_reply</c> or <c>summary</c>; the composer
    /// is <c>llm</c> when a language model was asked (even if it failed and the extractive fallback answered), else <c>extractive</c>.
    /// </summary>
    public void RecordComposition(TimeSpan elapsed, string task, ComposedAnswer? composed)
    {
        _composerDuration.Record(elapsed.TotalSeconds, new("composer", ComposerTag(composed)), new("task", task), new("degraded", composed?.Degraded ?? false));
    }

    /// <summary>The composer tag of <paramref name="composed"/>: <c>llm</c> or <c>extractive</c> (<c>none</c> when composition failed).</summary>
    public static string ComposerTag(ComposedAnswer? composed) =>
        composed is null ? "none" : composed.Mode == AnswerMode.Generated || composed.Degraded ? "llm" : "extractive";

    /// <summary>Reports <paramref name="depth"/> as the group-commit queue's depth each time metrics are collected.</summary>
    public void TrackWriteQueue(Func<int> depth) => Volatile.Write(ref _writeQueueDepth, depth);

    /// <summary>Records the size of a committed group-commit batch.</summary>
    public void RecordWriteBatch(int writes) => _writeBatch.Record(writes);

    /// <summary>Counts a request refused by the rate limit of <paramref name="endpointClass"/> (<c>public</c>, <c>search</c>, <c>agent</c>, <c>admin</c>).</summary>
    public void RecordRateLimitRejection(string endpointClass) =>
        _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("endpoint_class", endpointClass));

    private void RecordUsage(string kind, TokenUsage usage)
    {
        _tokens.Add(usage.InputTokens, new("kind", kind), new("direction", "input"));
        _tokens.Add(usage.OutputTokens, new("kind", kind), new("direction", "output"));
        if (usage.EstimatedCost is { } cost) _cost.Add((double)cost, new KeyValuePair<string, object?>("kind", kind));
    }

    private IEnumerable<Measurement<int>> ObserveWriteQueue() =>
        Volatile.Read(ref _writeQueueDepth) is { } depth ? [new Measurement<int>(depth())] : [];

    private static string KindTag(string kind) => kind is "deflection" or "draft" or "triage" ? kind : "other";

    // Each kind's own decisions mapped onto one small set: answer (the service answered or routed on its own),
    // suggest (articles instead of an answer), handoff (a person has to act), abandoned (the client left first).
    private static string DecisionTag(Outcome outcome) => (outcome.Kind, outcome.Decision) switch
    {
        ("deflection", "answer") => "answer",
        ("deflection", "suggest_articles") => "suggest",
        ("deflection", "contact_support") => "handoff",
        ("deflection", "abandoned") => "abandoned",
        ("draft", "draft") => "answer",
        ("draft", "holding_reply") => "handoff",
        ("triage", _) => outcome.Triage is { NeedsHumanReview: false } ? "answer" : "handoff",
        _ => "other",
    };
}
