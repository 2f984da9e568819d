using SupportAssist.Outcomes;

namespace SupportAssist.Core.Tests.Outcomes;

public sealed class FeedbackRulesTests
{
    private static FeedbackEvent Event(string kind, string? finalText = null) =>
        new(Guid.Empty, kind, DateTimeOffset.UnixEpoch, null) { FinalText = finalText };

    [Theory]
    [InlineData("", "helpful", FeedbackStatus.Recorded)]
    [InlineData("", "contacted_support", FeedbackStatus.Recorded)]
    [InlineData("helpful", "helpful", FeedbackStatus.AlreadyRecorded)]
    [InlineData("helpful", "not_helpful", FeedbackStatus.Conflict)]
    [InlineData("not_helpful", "helpful", FeedbackStatus.Conflict)]
    [InlineData("helpful", "contacted_support", FeedbackStatus.Recorded)]
    [InlineData("contacted_support", "not_helpful", FeedbackStatus.Recorded)]
    [InlineData("contacted_support", "contacted_support", FeedbackStatus.AlreadyRecorded)]
    [InlineData("contacted_support,helpful", "not_helpful", FeedbackStatus.Conflict)]
    public void Deflection_feedback_follows_the_documented_table(string existing, string incoming, FeedbackStatus expected)
    {
        var before = existing.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => Event(k)).ToList();

        var result = FeedbackRules.Deflection(before, Event(incoming));

        Assert.Equal(expected, result.Status);
        if (expected == FeedbackStatus.Conflict) Assert.NotEqual("contacted_support", result.Existing!.Kind);
    }

    [Theory]
    [InlineData(null, null, "accepted", null, FeedbackStatus.Recorded)]
    [InlineData("accepted", null, "accepted", null, FeedbackStatus.AlreadyRecorded)]
    [InlineData("accepted", null, "rejected", null, FeedbackStatus.Conflict)]
    [InlineData("edited", "final", "edited", "final", FeedbackStatus.AlreadyRecorded)]
    [InlineData("edited", "final", "edited", "another final", FeedbackStatus.Conflict)]
    [InlineData("rejected", null, "edited", "final", FeedbackStatus.Conflict)]
    public void Draft_feedback_takes_one_verdict(string? existingKind, string? existingText, string incoming, string? incomingText, FeedbackStatus expected)
    {
        var before = existingKind is null ? [] : new List<FeedbackEvent> { Event(existingKind, existingText) };

        Assert.Equal(expected, FeedbackRules.Draft(before, Event(incoming, incomingText)).Status);
    }
}
