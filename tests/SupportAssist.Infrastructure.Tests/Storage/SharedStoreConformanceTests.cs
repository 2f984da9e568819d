using SupportAssist.Answering;
using SupportAssist.Cases;
using SupportAssist.Outcomes;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Tests.Storage;

/// <summary>
/// One conformance suite for the shared-state stores (outcomes, feedback, cases, audit), run on the embedded SQLite
/// file and on a real PostgreSQL server, each through the group-commit writer the service uses.
/// </summary>
public sealed class SharedStoreConformanceTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private static Outcome Outcome(string kind, DateTimeOffset at, string input = "how long does a refund take") => new(
        Guid.NewGuid(), kind, at, input, "en-GB", "billing", "pro", "session-1", "answer", 0.82, ["evidence 0.82 above 0.6"],
        [new RetrievedChunk("refunds", "refunds#0", 0.82)], ["refunds"], "Refunds take 5-10 days [1].", ["refunds#0"], "extractive/1", 12.5)
    {
        Mode = "extractive",
        Prompts = ["deflection-answer@1"],
        DegradedReason = null,
    };

    private static SupportCase Case(string reference, DateTimeOffset at, string queue = "general", Priority priority = Priority.P3) => new(
        Guid.NewGuid(), reference, at, at, CaseStatus.Open, "Refund", "How do I refund?", "a@example.com", "en", null,
        new CaseTriage("refund_how_to", "refunds", priority, queue, Sentiment.Neutral, false, "en", 0.8, [], [], false, [], null), [], []);

    // The rule the deflection feedback uses, reduced: one verdict per outcome; the same again is a repeat.
    private static FeedbackResult OneVerdict(IReadOnlyList<FeedbackEvent> existing, FeedbackEvent incoming) =>
        existing.Count == 0 ? new FeedbackResult(FeedbackStatus.Recorded)
        : existing[0].Kind == incoming.Kind ? new FeedbackResult(FeedbackStatus.AlreadyRecorded, existing[0])
        : new FeedbackResult(FeedbackStatus.Conflict, existing[0]);

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task An_outcome_reads_back_as_written(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        var outcome = Outcome("deflection", Start) with { Usage = new TokenUsage(120, 40, 0.0003m) };

        await stores.Outcomes.RecordAsync(outcome, CancellationToken.None);
        var read = await stores.Outcomes.GetAsync(outcome.Id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(outcome.At, read.At);
        Assert.Equal(outcome.Input, read.Input);
        Assert.Equal(outcome.Reasons, read.Reasons);
        Assert.Equal(outcome.Retrieved, read.Retrieved);
        Assert.Equal(outcome.CitedChunks, read.CitedChunks);
        Assert.Equal(outcome.Prompts, read.Prompts);
        Assert.Equal(outcome.Usage, read.Usage);
        Assert.Null(await stores.Outcomes.GetAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task Outcomes_since_an_instant_come_oldest_first_with_their_feedback(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        var old = Outcome("deflection", Start.AddDays(-2));
        var later = Outcome("triage", Start.AddMinutes(5));
        var first = Outcome("deflection", Start);
        foreach (var outcome in new[] { later, old, first }) await stores.Outcomes.RecordAsync(outcome, CancellationToken.None);
        await stores.Outcomes.RecordFeedbackAsync(new FeedbackEvent(first.Id, "helpful", Start.AddMinutes(1), "thanks"), "deflection", OneVerdict, CancellationToken.None);

        var since = await stores.Outcomes.ReadSinceAsync(Start, CancellationToken.None);
        var all = await stores.Outcomes.ReadSinceAsync(DateTimeOffset.MinValue, CancellationToken.None);

        Assert.Equal([first.Id, later.Id], since.Select(s => s.Outcome.Id));
        Assert.Equal("helpful", Assert.Single(since[0].Feedback).Kind);
        Assert.Empty(since[1].Feedback);
        Assert.Equal([old.Id, first.Id, later.Id], all.Select(s => s.Outcome.Id));
    }

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task Feedback_is_refused_for_an_unknown_outcome_or_another_kind_and_the_rule_sees_earlier_events(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        var outcome = Outcome("deflection", Start);
        await stores.Outcomes.RecordAsync(outcome, CancellationToken.None);

        var unknown = await stores.Outcomes.RecordFeedbackAsync(new FeedbackEvent(Guid.NewGuid(), "helpful", Start, null), "deflection", OneVerdict, CancellationToken.None);
        var wrongKind = await stores.Outcomes.RecordFeedbackAsync(new FeedbackEvent(outcome.Id, "accepted", Start, null), "draft", OneVerdict, CancellationToken.None);
        var first = await stores.Outcomes.RecordFeedbackAsync(new FeedbackEvent(outcome.Id, "helpful", Start, null), "deflection", OneVerdict, CancellationToken.None);
        var again = await stores.Outcomes.RecordFeedbackAsync(new FeedbackEvent(outcome.Id, "helpful", Start, null), "deflection", OneVerdict, CancellationToken.None);
        var conflict = await stores.Outcomes.RecordFeedbackAsync(new FeedbackEvent(outcome.Id, "not_helpful", Start, null), "deflection", OneVerdict, CancellationToken.None);

        Assert.Equal(FeedbackStatus.UnknownOutcome, unknown.Status);
        Assert.Equal(FeedbackStatus.UnknownOutcome, wrongKind.Status);
        Assert.Equal(FeedbackStatus.Recorded, first.Status);
        Assert.Equal(FeedbackStatus.AlreadyRecorded, again.Status);
        Assert.Equal(FeedbackStatus.Conflict, conflict.Status);
        Assert.Equal("helpful", conflict.Existing?.Kind);
        Assert.Single(await stores.Outcomes.FeedbackAsync(outcome.Id, CancellationToken.None));
    }

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task Conflicting_feedback_sent_at_once_is_stored_once(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        var outcome = Outcome("deflection", Start);
        await stores.Outcomes.RecordAsync(outcome, CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => stores.Outcomes.RecordFeedbackAsync(
            new FeedbackEvent(outcome.Id, i % 2 == 0 ? "helpful" : "not_helpful", Start, null), "deflection", OneVerdict, CancellationToken.None))));

        Assert.Single(results, r => r.Status == FeedbackStatus.Recorded);
        Assert.Single(await stores.Outcomes.FeedbackAsync(outcome.Id, CancellationToken.None));
    }

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task Every_acknowledged_write_is_there_after_a_restart(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        var outcomes = Enumerable.Range(0, 40).Select(i => Outcome("deflection", Start.AddSeconds(i))).ToList();
        var supportCase = Case("SA-RSTR-0001", Start);

        await Task.WhenAll(outcomes.Select(o => stores.Outcomes.RecordAsync(o, CancellationToken.None)));
        Assert.True(await stores.Cases.CreateAsync(supportCase, CancellationToken.None));
        await stores.Audit.RecordAsync("admin", "article.put", "refunds", "ok", CancellationToken.None);
        await stores.ReopenAsync();

        Assert.Equal(outcomes.Select(o => o.Id), (await stores.Outcomes.ReadSinceAsync(DateTimeOffset.MinValue, CancellationToken.None)).Select(s => s.Outcome.Id));
        Assert.Equal(supportCase.Reference, (await stores.Cases.GetAsync(supportCase.Id, CancellationToken.None))?.Reference);
        Assert.Equal("article.put", Assert.Single(await stores.Audit.ReadAsync(10, null, CancellationToken.None)).Action);
    }

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task A_case_reference_already_taken_is_refused_and_nothing_is_stored(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        var first = Case("SA-AAAA-AAAA", Start);
        var clash = Case("SA-AAAA-AAAA", Start);

        Assert.True(await stores.Cases.CreateAsync(first, CancellationToken.None));
        Assert.False(await stores.Cases.CreateAsync(clash, CancellationToken.None));
        Assert.Null(await stores.Cases.GetAsync(clash.Id, CancellationToken.None));
        Assert.NotNull(await stores.Cases.GetAsync(first.Id, CancellationToken.None));
    }

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task Pages_of_cases_created_in_the_same_instant_neither_repeat_nor_skip_one(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        // Sub-microsecond apart as well as equal: PostgreSQL keeps microseconds, .NET ticks of 100 ns.
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var c = Case($"SA-BBBB-000{i}", Start.AddTicks(i % 3));
            ids.Add(c.Id);
            await stores.Cases.CreateAsync(c, CancellationToken.None);
        }

        var seen = new List<Guid>();
        CaseCursor? cursor = null;
        do
        {
            var page = await stores.Cases.ListAsync(new CaseQuery(null, null, null, null, null, 2, cursor), CancellationToken.None);
            seen.AddRange(page.Cases.Select(c => c.Id));
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task Cases_are_listed_newest_first_and_filtered_by_queue_priority_status_and_time(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        var billing = Case("SA-QQQQ-0001", Start, queue: "billing", priority: Priority.P2);
        var general = Case("SA-QQQQ-0002", Start.AddMinutes(1));
        var urgent = Case("SA-QQQQ-0003", Start.AddMinutes(2), queue: "billing", priority: Priority.P1);
        foreach (var c in new[] { billing, general, urgent }) await stores.Cases.CreateAsync(c, CancellationToken.None);
        await stores.Cases.UpdateAsync(general.Id, c => c with { Status = CaseStatus.Solved }, CancellationToken.None);

        async Task<IEnumerable<string>> List(CaseQuery query) => (await stores.Cases.ListAsync(query, CancellationToken.None)).Cases.Select(c => c.Reference);

        Assert.Equal(["SA-QQQQ-0003", "SA-QQQQ-0002", "SA-QQQQ-0001"], await List(new CaseQuery(null, null, null, null, null, 10, null)));
        Assert.Equal(["SA-QQQQ-0003", "SA-QQQQ-0001"], await List(new CaseQuery("billing", null, null, null, null, 10, null)));
        Assert.Equal(["SA-QQQQ-0003"], await List(new CaseQuery(null, Priority.P1, null, null, null, 10, null)));
        Assert.Equal(["SA-QQQQ-0002"], await List(new CaseQuery(null, null, CaseStatus.Solved, null, null, 10, null)));
        Assert.Equal(["SA-QQQQ-0001"], await List(new CaseQuery(null, null, null, Start.AddMinutes(1), null, 10, null)));
        Assert.Equal(["SA-QQQQ-0003"], await List(new CaseQuery(null, null, null, null, Start.AddMinutes(1), 10, null)));
    }

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task Concurrent_updates_of_one_case_each_see_the_other_and_an_unknown_case_is_null(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        var c = Case("SA-CCCC-CCCC", Start);
        await stores.Cases.CreateAsync(c, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => stores.Cases.UpdateAsync(c.Id,
            current => current with { Drafts = [.. current.Drafts, Guid.NewGuid()] }, CancellationToken.None))));

        Assert.Equal(20, (await stores.Cases.GetAsync(c.Id, CancellationToken.None))!.Drafts.Count);
        Assert.Null(await stores.Cases.UpdateAsync(Guid.NewGuid(), current => current, CancellationToken.None));
    }

    [Theory, MemberData(nameof(SharedStores.Providers), MemberType = typeof(SharedStores))]
    public async Task Audit_records_read_newest_first_in_pages(string provider)
    {
        await using var stores = await SharedStores.CreateAsync(provider);
        for (var i = 0; i < 5; i++) await stores.Audit.RecordAsync("admin", "article.put", $"article-{i}", "ok", CancellationToken.None);

        var first = await stores.Audit.ReadAsync(2, null, CancellationToken.None);
        var next = await stores.Audit.ReadAsync(2, first[^1].Sequence, CancellationToken.None);
        var last = await stores.Audit.ReadAsync(2, next[^1].Sequence, CancellationToken.None);

        Assert.Equal(["article-4", "article-3"], first.Select(r => r.Target));
        Assert.Equal(["article-2", "article-1"], next.Select(r => r.Target));
        Assert.Equal(["article-0"], last.Select(r => r.Target));
    }
}
