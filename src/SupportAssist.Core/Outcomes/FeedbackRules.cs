namespace SupportAssist.Outcomes;

/// <summary>
/// How repeated and conflicting feedback is handled (documented in docs/outcomes.md). A verdict is given once:
/// the first stands, the same verdict again is accepted without a second record, a different one is a conflict.
/// </summary>
public static class FeedbackRules
{
    /// <summary>
    /// Deflections: <c>helpful</c> and <c>not_helpful</c> are one verdict; <c>contacted_support</c> is a fact
    /// recorded once beside either verdict (an answer can help and the user still write to support).
    /// </summary>
    public static FeedbackResult Deflection(IReadOnlyList<FeedbackEvent> existing, FeedbackEvent incoming)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.Kind == "contacted_support")
            return existing.Any(e => e.Kind == "contacted_support") ? new(FeedbackStatus.AlreadyRecorded) : new(FeedbackStatus.Recorded);
        var verdict = existing.FirstOrDefault(e => e.Kind != "contacted_support");
        if (verdict is null) return new(FeedbackStatus.Recorded);
        return verdict.Kind == incoming.Kind ? new(FeedbackStatus.AlreadyRecorded) : new(FeedbackStatus.Conflict, verdict);
    }

    /// <summary>
    /// Drafts: <c>accepted</c>, <c>edited</c> (with the final text) or <c>rejected</c>, once. The same verdict again
    /// (for <c>edited</c>, with the same final text) is a repeat; anything else is a conflict.
    /// </summary>
    public static FeedbackResult Draft(IReadOnlyList<FeedbackEvent> existing, FeedbackEvent incoming)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(incoming);
        if (existing.Count == 0) return new(FeedbackStatus.Recorded);
        var verdict = existing[0];
        return verdict.Kind == incoming.Kind && string.Equals(verdict.FinalText, incoming.FinalText, StringComparison.Ordinal)
            ? new(FeedbackStatus.AlreadyRecorded)
            : new(FeedbackStatus.Conflict, verdict);
    }
}
