namespace SupportAssist.Infrastructure.Tests.Indexing;

/// <summary>The small knowledge bases the index suites search.</summary>
internal static class SampleArticles
{
    /// <summary>A three-section article: one chunk per heading.</summary>
    public const string PayoutBody = """
        # Payout schedule

        Payouts arrive every two business days.

        ## Change the schedule

        Open **Settings → Payouts** and choose weekly or monthly.

        ## First payout

        Your first payout waits seven days after your first successful payment.
        """;

    public static Task<IngestResult> IngestPayoutsAsync(KnowledgeBaseIngestor ingestor) =>
        ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", PayoutBody), CancellationToken.None);

    /// <summary>
    /// Four refund articles over two audiences, two languages and two product areas. The internal runbook matches
    /// "refund exception" best, so a filter applied after a top-1 search would return nothing.
    /// </summary>
    public static async Task IngestRefundsAsync(KnowledgeBaseIngestor ingestor)
    {
        var ct = CancellationToken.None;
        await ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-runbook", "Refund exception runbook",
            "Refund exception refund exception approvals for refund exceptions.", ArticleAudience.Internal, area: "refunds"), ct);
        await ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-issue", "Issue a refund",
            "How to issue a refund from the dashboard.", area: "refunds"), ct);
        await ingestor.IngestAsync(TestKnowledgeBase.Article("refunds-issue-es", "Cómo emitir un reembolso",
            "Para emitir un reembolso (refund) abre el panel.", locale: "es", area: "refunds"), ct);
        await ingestor.IngestAsync(TestKnowledgeBase.Article("fees-refund-fees", "Refund fees",
            "A refund exception does not return the processing fee.", area: "fees"), ct);
    }
}
