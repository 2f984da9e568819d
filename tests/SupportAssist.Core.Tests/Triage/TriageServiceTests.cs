using Microsoft.Extensions.Logging.Abstractions;
using SupportAssist.Outcomes;
using SupportAssist.Triage;

namespace SupportAssist.Core.Tests.Triage;

/// <summary>Triage's rules and policy, over a classifier of our own that answers what each test says.</summary>
public sealed class TriageServiceTests
{
    private sealed class FixedClassifier(string intent, double score) : IIntentClassifier
    {
        public string Name => "fixed";

        public double OutOfScopeThreshold => 0.3;

        public Task<IntentPrediction> PredictAsync(string text, CancellationToken cancellationToken) =>
            Task.FromResult(new IntentPrediction([new IntentScore(intent, score), new IntentScore("other_intent", 1 - score)]));
    }

    private sealed class NoOutcomes : IOutcomeLog
    {
        public List<Outcome> Recorded { get; } = [];

        public Task RecordAsync(Outcome outcome, CancellationToken cancellationToken)
        {
            Recorded.Add(outcome);
            return Task.CompletedTask;
        }

        public Task<FeedbackResult> RecordFeedbackAsync(FeedbackEvent feedback, string outcomeKind, FeedbackRule rule, CancellationToken cancellationToken) =>
            Task.FromResult(new FeedbackResult(FeedbackStatus.UnknownOutcome));

        public Task<Outcome?> GetAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult<Outcome?>(null);

        public Task<IReadOnlyList<FeedbackEvent>> FeedbackAsync(Guid outcomeId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<FeedbackEvent>>([]);

        public Task<IReadOnlyList<(Outcome Outcome, IReadOnlyList<FeedbackEvent> Feedback)>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<(Outcome, IReadOnlyList<FeedbackEvent>)>>(Recorded.Select(o => (o, (IReadOnlyList<FeedbackEvent>)[])).ToList());
    }

    private static readonly TriageRuleSet Rules = new()
    {
        Intents = new Dictionary<string, string>
        {
            ["checkout_down"] = "payments",
            ["card_declined"] = "payments",
            ["account_compromised"] = "security",
            ["tax_forms"] = "taxes",
            ["payout_missing"] = "payouts",
            ["other_intent"] = "general",
        },
        DefaultPriority = Priority.P3,
        PriorityRules =
        [
            new("outage", new RuleCondition { Keywords = ["cannot accept any payments", "checkout down"] }, Priority.P1),
            new("security", new RuleCondition { Intents = ["account_compromised"] }, Priority.P1),
            new("legal", new RuleCondition { Keywords = ["lawyer", "sue"] }, Priority.P1),
            new("money held", new RuleCondition { Intents = ["payout_missing"] }, Priority.P2),
            new("can wait", new RuleCondition { Intents = ["tax_forms"] }, Priority.P4),
        ],
        PremiumPlans = ["premium"],
        RoutingRules =
        [
            new("payment incidents", new RuleCondition { Categories = ["payments"], Priorities = [Priority.P1] }, "incident-response"),
            new("security", new RuleCondition { Categories = ["security"] }, "trust-safety"),
            new("spanish", new RuleCondition { Languages = ["es"] }, "support-es"),
            new("payouts", new RuleCondition { Categories = ["payouts"] }, "payouts"),
            new("enterprise declines", new RuleCondition { Intents = ["card_declined"], Plans = ["enterprise"] }, "enterprise-desk"),
            new("any enterprise", new RuleCondition { Plans = ["enterprise"] }, "enterprise-general"),
            new("phone declines", new RuleCondition { Intents = ["card_declined"], Channels = ["phone"] }, "phone-desk"),
            new("tax words", new RuleCondition { Keywords = ["1099-k"] }, "tax-desk"),
        ],
        DefaultQueue = "general",
        HumanReviewQueue = "triage-review",
        ReviewBelowConfidence = 0.5,
    };

    private static Task<(TriageResult Result, string RedactedText)> Triage(string intent, double score, string subject, string body, string? plan = null, int previous = 0) =>
        new TriageService(new FixedClassifier(intent, score), Rules, new NoOutcomes(), TimeProvider.System, NullLogger<TriageService>.Instance)
            .ClassifyAsync(new TriageRequest(subject, body, "email", plan, "US", null, previous), CancellationToken.None);

    [Theory]
    [InlineData("card_declined", "Help", "We cannot accept any payments since 9am", null, Priority.P1, "incident-response", "outage")]
    [InlineData("checkout_down", "Checkout down", "Nothing works", null, Priority.P1, "incident-response", "outage")]
    [InlineData("account_compromised", "Strange login", "Someone logged in from abroad", null, Priority.P1, "trust-safety", "security")]
    [InlineData("card_declined", "Declines", "My lawyer will hear about these declines", null, Priority.P1, "incident-response", "legal")]
    [InlineData("payout_missing", "Payout", "Where is the payout", null, Priority.P2, "payouts", "money held")]
    [InlineData("payout_missing", "Payout", "Where is the payout", "premium", Priority.P1, "payouts", "money held")]
    [InlineData("tax_forms", "1099", "Need my form", null, Priority.P4, "general", "can wait")]
    [InlineData("tax_forms", "1099", "Need my form", "premium", Priority.P3, "general", "can wait")]
    [InlineData("card_declined", "Declines", "Some cards are declined", "premium", Priority.P2, "general", null)]
    [InlineData("card_declined", "Declines", "Some cards are declined", null, Priority.P3, "general", null)]
    public async Task Priority_and_queue_follow_the_rules(string intent, string subject, string body, string? plan, Priority priority, string queue, string? rule)
    {
        var (result, _) = await Triage(intent, 0.9, subject, body, plan);

        Assert.Equal((priority, queue), (result.Priority, result.Queue));
        if (rule is not null) Assert.Contains(result.Reasons, r => r.Contains($"rule '{rule}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("card_declined", "enterprise", "email", "Some cards are declined", "enterprise-desk")]
    [InlineData("tax_forms", "enterprise", "email", "Need my form", "enterprise-general")]
    [InlineData("card_declined", null, "phone", "Some cards are declined", "phone-desk")]
    [InlineData("tax_forms", null, "email", "Where is my 1099-K?", "tax-desk")]
    [InlineData("tax_forms", null, "email", "Where is my form?", "general")]
    public async Task The_first_matching_routing_rule_wins_and_every_condition_kind_routes(string intent, string? plan, string channel, string body, string queue)
    {
        var service = new TriageService(new FixedClassifier(intent, 0.9), Rules, new NoOutcomes(), TimeProvider.System, NullLogger<TriageService>.Instance);

        var (result, _) = await service.ClassifyAsync(new TriageRequest("Ticket", body, channel, plan, "US", null), CancellationToken.None);

        Assert.Equal(queue, result.Queue);
    }

    [Fact]
    public async Task Keywords_match_whole_words_only()
    {
        var (result, _) = await Triage("card_declined", 0.9, "Issue", "This issue with declines");

        Assert.Equal(Priority.P3, result.Priority);
    }

    [Fact]
    public async Task A_score_under_the_out_of_scope_threshold_is_unknown_and_goes_to_a_person()
    {
        var (result, _) = await Triage("card_declined", 0.2, "Lunch", "Where should we eat?");

        Assert.Equal((TriageService.Unknown, "unknown", "triage-review", true), (result.Intent, result.Category, result.Queue, result.NeedsHumanReview));
        Assert.Equal("card_declined", result.Alternatives[0].Intent);
    }

    [Fact]
    public async Task A_known_intent_with_low_confidence_needs_review_but_keeps_its_queue()
    {
        var (result, _) = await Triage("payout_missing", 0.4, "Payout", "payout?");

        Assert.Equal(("payout_missing", "payouts", true), (result.Intent, result.Queue, result.NeedsHumanReview));
    }

    [Fact]
    public async Task Personal_data_is_reported_by_kind_and_the_classifier_reads_the_redacted_text()
    {
        var (result, redacted) = await Triage("card_declined", 0.9, "Declined", "Card 4242 4242 4242 4242 declined, write to jo@example.com");

        Assert.Equal(["email", "card_number"], result.PiiKinds);
        Assert.DoesNotContain("4242", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hola, ¿por qué no me llegó el pago? Gracias", "es", "support-es")]
    [InlineData("Why was my payment declined?", "en", "general")]
    public async Task Language_is_detected_and_routes(string body, string language, string queue)
    {
        var (result, _) = await Triage("card_declined", 0.9, "", body);

        Assert.Equal((language, queue), (result.Language, result.Queue));
    }

    [Theory]
    [InlineData("Thanks so much, the new dashboard is great!", 0, Sentiment.Positive, false)]
    [InlineData("Where can I download my invoice?", 0, Sentiment.Neutral, false)]
    [InlineData("This is the THIRD time I write. Still no payout!! Unacceptable.", 0, Sentiment.Negative, true)]
    [InlineData("Any news on the payout?", 2, Sentiment.Negative, true)]
    [InlineData("Estoy muy decepcionado, otra vez sin respuesta", 0, Sentiment.Negative, true)]
    public void Sentiment_and_frustration(string text, int previousContacts, Sentiment sentiment, bool frustrated)
    {
        var (actual, isFrustrated, _) = SentimentGuess.Of(text, previousContacts);

        Assert.Equal((sentiment, frustrated), (actual, isFrustrated));
    }

    [Fact]
    public void Broken_rules_are_reported_with_where_and_why()
    {
        var broken = Rules with
        {
            DefaultQueue = " ",
            PriorityRules = [new("", new RuleCondition(), Priority.P1), new("x", new RuleCondition { Intents = ["nope"] }, (Priority)9)],
            RoutingRules = [new("y", new RuleCondition { Categories = ["nowhere"], Keywords = [""] }, "")],
        };

        var problems = broken.Problems();

        Assert.Contains("defaultQueue: is required", problems);
        Assert.Contains("priorityRules[0].name: is required", problems);
        Assert.Contains(problems, p => p.StartsWith("priorityRules[0].when: needs at least one condition", StringComparison.Ordinal));
        Assert.Contains("priorityRules[1].when.intents[0]: unknown intent 'nope'", problems);
        Assert.Contains("priorityRules[1].priority: must be P1, P2, P3 or P4", problems);
        Assert.Contains("routingRules[0].when.categories[0]: unknown category 'nowhere'", problems);
        Assert.Contains("routingRules[0].when.keywords[0]: must not be empty", problems);
        Assert.Contains("routingRules[0].queue: is required", problems);
        var unreachable = Rules with
        {
            PriorityRules = [new("by priority", new RuleCondition { Priorities = [Priority.P2] }, Priority.P1)],
            RoutingRules = [new("unknown", new RuleCondition { Intents = ["unknown"] }, "somewhere")],
        };
        Assert.Contains(unreachable.Problems(), p => p.StartsWith("priorityRules[0].when.priorities: priority rules decide the priority", StringComparison.Ordinal));
        Assert.Contains(unreachable.Problems(), p => p.StartsWith("routingRules[0].when.intents: tickets of intent 'unknown' always go to humanReviewQueue", StringComparison.Ordinal));
        Assert.Empty(Rules.Problems());
    }
}
