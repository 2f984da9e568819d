namespace SupportAssist.Api.Tests;

/// <summary>
/// The limits the request rules enforce are read from options: on a host configured with lower limits, a request
/// the defaults accept is refused, and the message names the configured limit.
/// </summary>
public sealed class RequestLimitsFromOptionsTests(RequestLimitsFromOptionsTests.Host host) : IClassFixture<RequestLimitsFromOptionsTests.Host>
{
    /// <summary>One host whose limits are all lowered below the defaults.</summary>
    public sealed class Host : IDisposable
    {
        public SupportAssistFactory Factory { get; } = new(settings: new Dictionary<string, string?>
        {
            ["SupportAssist:Deflection:MaxQuestionChars"] = "20",
            ["SupportAssist:Drafts:MaxSubjectChars"] = "20",
            ["SupportAssist:Drafts:MaxMessageChars"] = "100",
            ["SupportAssist:Triage:MaxSubjectChars"] = "20",
            ["SupportAssist:Triage:MaxBodyChars"] = "100",
            ["SupportAssist:Limits:MaxCommentChars"] = "10",
            ["SupportAssist:Limits:MaxCaseSubjectChars"] = "20",
            ["SupportAssist:Limits:MaxCaseMessageChars"] = "100",
            ["SupportAssist:Limits:MaxCaseDeflections"] = "1",
            ["SupportAssist:Limits:MaxCasePage"] = "5",
            ["SupportAssist:Limits:MaxAuditPage"] = "5",
            ["SupportAssist:Retrieval:MaxQueryChars"] = "20",
        });

        public void Dispose() => Factory.Dispose();
    }

    private static readonly Guid Id = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    private static string Chars(int count) => new('a', count);

    public static TheoryData<string, object, string, string> Bodies => new()
    {
        { "/v1/deflections", new { question = Chars(21) }, "question", "must be at most 20 characters (got 21)" },
        { $"/v1/deflections/{Id}/feedback", new { kind = "helpful", comment = Chars(11) }, "comment", "must be at most 10 characters (got 11)" },
        { "/v1/drafts", new { subject = Chars(21), body = "b" }, "subject", "must be at most 20 characters (got 21)" },
        { "/v1/drafts", new { subject = "s", body = Chars(101) }, "body", "must be at most 100 characters (got 101)" },
        // The same comment limit as a deflection's: one setting, not a constant per endpoint.
        { $"/v1/drafts/{Id}/feedback", new { kind = "rejected", comment = Chars(11) }, "comment", "must be at most 10 characters (got 11)" },
        { $"/v1/drafts/{Id}/feedback", new { kind = "edited", finalText = Chars(101) }, "finalText", "must be at most 100 characters (got 101)" },
        { "/v1/triage", new { subject = Chars(21), body = "b" }, "subject", "must be at most 20 characters (got 21)" },
        { "/v1/triage", new { subject = "s", body = Chars(101) }, "body", "must be at most 100 characters (got 101)" },
        { "/v1/cases", new { subject = Chars(21), message = "m", contactEmail = "a@example.com" }, "subject", "must be at most 20 characters (got 21)" },
        { "/v1/cases", new { subject = "s", message = Chars(101), contactEmail = "a@example.com" }, "message", "must be at most 100 characters (got 101)" },
        { "/v1/cases", new { subject = "s", message = "m", contactEmail = "a@example.com", deflectionIds = new[] { Id, Id } }, "deflectionIds", "must have at most 1 deflections (got 2)" },
        // A case's reply is a draft's verdict: its final text has the drafts' message limit.
        { $"/v1/cases/{Id}/replies", new { draftId = Id, kind = "edited", finalText = Chars(101) }, "finalText", "must be at most 100 characters (got 101)" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_over_a_lowered_limit_is_refused_with_that_limit(string path, object body, string field, string message)
    {
        var response = await host.Factory.CreateClient().PostAsJsonAsync(path, body);

        Assert.Equal([message], await response.AssertFieldErrorAsync(field));
    }

    [Theory]
    [InlineData("/v1/cases?limit=6", "limit", "must be a whole number from 1 to 5")]
    [InlineData("/v1/audit?limit=6", "limit", "must be a whole number from 1 to 5")]
    [InlineData("/v1/search?q=aaaaaaaaaaaaaaaaaaaaa", "q", "must be at most 20 characters (got 21)")]
    [InlineData("/v1/suggestions?q=aaaaaaaaaaaaaaaaaaaaa", "q", "must be at most 20 characters (got 21)")]
    public async Task A_query_over_a_lowered_limit_is_refused_with_that_limit(string path, string field, string message)
    {
        var response = await host.Factory.CreateClient().GetAsync(path);

        Assert.Equal([message], await response.AssertFieldErrorAsync(field));
    }
}
