namespace SupportAssist.Api.Tests;

/// <summary>
/// Every endpoint's request rules, one row per rule: the request breaking it gets a 400 problem naming the field with
/// the rule's one message (the limits are the defaults from options).
/// </summary>
public sealed class RequestRulesTests(RequestRulesTests.Host host) : IClassFixture<RequestRulesTests.Host>
{
    /// <summary>One host with the default options for every row.</summary>
    public sealed class Host : IDisposable
    {
        public SupportAssistFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    private const string Id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private static string Chars(int count) => new('a', count);

    public static TheoryData<string, string, string?, string, string> Rules => new()
    {
        // Deflections: limits from SupportAssist:Deflection, the comment's from SupportAssist:Limits.
        { "POST", "/v1/deflections", "{\"question\": \"  \"}", "question", "is required and must contain text" },
        { "POST", "/v1/deflections", $"{{\"question\": \"{Chars(2001)}\"}}", "question", "must be at most 2000 characters (got 2001)" },
        { "POST", "/v1/deflections", "{\"question\": \"q\", \"locale\": \"???\"}", "locale", "must be a language tag such as 'en' or 'es-MX'" },
        { "POST", "/v1/deflections", "{\"question\": \"q\", \"productArea\": \"Bad Area\"}", "productArea", "must be a product area slug such as 'refunds'" },
        { "POST", "/v1/deflections", "{\"question\": \"q\", \"customerPlan\": \"gold plan!\"}", "customerPlan", "must be 1-64 letters, digits, '-' or '_'" },
        { "POST", "/v1/deflections", "{\"question\": \"q\", \"sessionId\": \"a@b.com c\"}", "sessionId", "must be an opaque token of 1-128 letters, digits, '-', '_', '.' or ':'" },
        { "POST", $"/v1/deflections/{Id}/feedback", "{\"kind\": \"meh\"}", "kind", "must be 'helpful', 'not_helpful' or 'contacted_support'" },
        { "POST", $"/v1/deflections/{Id}/feedback", $"{{\"kind\": \"helpful\", \"comment\": \"{Chars(2001)}\"}}", "comment", "must be at most 2000 characters (got 2001)" },
        // Drafts: limits from SupportAssist:Drafts.
        { "POST", "/v1/drafts", $"{{\"subject\": \"{Chars(301)}\", \"body\": \"b\"}}", "subject", "must be at most 300 characters (got 301)" },
        { "POST", "/v1/drafts", "{\"subject\": \"s\", \"body\": \"b\", \"thread\": [{\"role\": \"bot\", \"text\": \"hi\"}]}", "thread[0].role", "must be 'customer' or 'agent'" },
        { "POST", "/v1/drafts", "{\"subject\": \"s\", \"body\": \"b\", \"thread\": [null]}", "thread[0]", "must be an object with 'role' and 'text'" },
        { "POST", "/v1/drafts", "{\"subject\": \"s\", \"body\": \"b\", \"customer\": {\"name\": \"a\\u0007b\"}}", "customer.name", "must be 1-100 characters without control characters" },
        { "POST", "/v1/drafts", "{\"subject\": \"s\", \"body\": \"b\", \"customer\": {\"country\": \"Germany\"}}", "customer.country", "must be an ISO 3166-1 alpha-2 code such as 'DE'" },
        { "POST", $"/v1/drafts/{Id}/feedback", "{\"kind\": \"sent\"}", "kind", "must be 'accepted', 'edited' or 'rejected'" },
        { "POST", $"/v1/drafts/{Id}/feedback", "{\"kind\": \"edited\"}", "finalText", "is required when kind is 'edited': the reply the agent sent" },
        { "POST", $"/v1/drafts/{Id}/feedback", "{\"kind\": \"accepted\", \"finalText\": \"sent\"}", "finalText", "is only taken when kind is 'edited'" },
        { "POST", $"/v1/drafts/{Id}/feedback", $"{{\"kind\": \"rejected\", \"comment\": \"{Chars(2001)}\"}}", "comment", "must be at most 2000 characters (got 2001)" },
        { "POST", $"/v1/drafts/{Id}/feedback", "{\"kind\": \"rejected\", \"customerName\": \" \"}", "customerName", "must be 1-100 characters without control characters" },
        // Triage: limits from SupportAssist:Triage.
        { "POST", "/v1/triage", $"{{\"subject\": \"s\", \"body\": \"{Chars(20_001)}\"}}", "body", "must be at most 20000 characters (got 20001)" },
        { "POST", "/v1/triage", "{\"subject\": \"s\", \"body\": \"b\", \"channel\": \"fax\"}", "channel", "must be 'email', 'chat', 'web', 'phone' or 'api'" },
        { "POST", "/v1/triage", "{\"subject\": \"s\", \"body\": \"b\", \"previousContacts\": 1001}", "previousContacts", "must be a whole number from 0 to 1000" },
        // Cases: limits from SupportAssist:Limits; a reply's finalText from SupportAssist:Drafts.
        { "POST", "/v1/cases", "{\"subject\": \"s\", \"message\": \"m\"}", "contactEmail", "is required: where support answers" },
        { "POST", "/v1/cases", "{\"subject\": \"s\", \"message\": \"m\", \"contactEmail\": \"nobody\"}", "contactEmail", "must be an email address such as name@example.com" },
        { "POST", "/v1/cases", $"{{\"subject\": \"s\", \"message\": \"{Chars(10_001)}\", \"contactEmail\": \"a@example.com\"}}", "message", "must be at most 10000 characters (got 10001)" },
        { "POST", "/v1/cases", $"{{\"subject\": \"s\", \"message\": \"m\", \"contactEmail\": \"a@example.com\", \"deflectionIds\": [{string.Join(", ", Enumerable.Repeat($"\"{Id}\"", 11))}]}}", "deflectionIds", "must have at most 10 deflections (got 11)" },
        { "GET", "/v1/cases?priority=P5", null, "priority", "must be 'P1', 'P2', 'P3' or 'P4'" },
        { "GET", "/v1/cases?status=closed", null, "status", "must be 'open', 'pending' or 'solved'" },
        { "GET", "/v1/cases?limit=101", null, "limit", "must be a whole number from 1 to 100" },
        { "GET", "/v1/cases?minAgeMinutes=-1", null, "minAgeMinutes", "must be a whole number from 0 to 525600" },
        { "GET", "/v1/cases?after=nope", null, "after", "must be the 'next' of a previous page" },
        { "POST", $"/v1/cases/{Id}/replies", "{\"kind\": \"accepted\"}", "draftId", "is required: the id of a draft made for this case" },
        { "POST", $"/v1/cases/{Id}/replies", $"{{\"draftId\": \"{Id}\", \"kind\": \"edited\", \"finalText\": \"{Chars(10_001)}\"}}", "finalText", "must be at most 10000 characters (got 10001)" },
        { "POST", $"/v1/cases/{Id}/status", "{\"status\": \"closed\"}", "status", "must be 'open', 'pending' or 'solved'" },
        // Articles: the request's own fields, then the rules every article meets (ArticleRules).
        { "PUT", "/v1/articles/refunds-1", "{\"id\": \"other\", \"title\": \"t\", \"body\": \"b\"}", "id", "the body's id 'other' differs from the URL's 'refunds-1'; omit it or make them equal" },
        { "PUT", "/v1/articles/refunds-1", "{\"title\": \"t\", \"body\": \"b\", \"audience\": \"staff\"}", "audience", "must be 'public' or 'internal'" },
        { "PUT", "/v1/articles/refunds-1", "{\"title\": \"t\", \"body\": \"b\", \"updated\": \"7/12/2026\"}", "updated", "must be a date written YYYY-MM-DD" },
        { "PUT", "/v1/articles/refunds-1", "{\"title\": \" \", \"body\": \"b\"}", "title", "is required" },
        // Search and suggestions: limits from SupportAssist:Retrieval; the audit trail's page from SupportAssist:Limits.
        { "GET", "/v1/search?q=refund&mode=fuzzy", null, "mode", "must be 'hybrid', 'dense' or 'bm25'" },
        { "GET", "/v1/search?q=refund&audience=staff", null, "audience", "must be 'public' or 'agent'" },
        { "GET", "/v1/search?q=refund&k=0", null, "k", "must be a whole number from 1 to 50" },
        { "GET", "/v1/suggestions?q=%20", null, "q", "is required and must contain text" },
        { "GET", "/v1/audit?limit=501", null, "limit", "must be a whole number from 1 to 500" },
        { "GET", "/v1/audit?before=-3", null, "before", "must be a sequence number from a previous page's 'next'" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task A_request_breaking_a_rule_gets_the_field_and_the_rules_one_message(string method, string path, string? json, string field, string message)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await host.Factory.CreateClient().SendAsync(request);

        Assert.Equal([message], await response.AssertFieldErrorAsync(field));
    }
}
