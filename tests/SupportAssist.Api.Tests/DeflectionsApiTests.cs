using System.Net.ServerSentEvents;
using System.Text.RegularExpressions;

namespace SupportAssist.Api.Tests;

/// <summary><c>POST /v1/deflections</c> on the sample help center, through the real host.</summary>
public sealed partial class DeflectionsApiTests(SampleHelpCenterFixture samples) : IClassFixture<SampleHelpCenterFixture>
{
    private readonly HttpClient _client = samples.Factory.CreateClient();

    private static readonly HashSet<string> InternalArticles = Directory
        .GetFiles(Path.Combine(SupportAssistFactory.RepositoryRoot, "samples", "helpcenter"), "*.md")
        .Where(path => File.ReadAllText(path).Contains("audience: internal", StringComparison.Ordinal))
        .Select(Path.GetFileNameWithoutExtension)
        .ToHashSet(StringComparer.Ordinal)!;

    private async Task<JsonElement> DeflectAsync(string question)
    {
        var response = await _client.PostAsJsonAsync("/v1/deflections", new { question });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_question_an_article_answers_gets_an_extractive_answer_whose_citations_all_check_out()
    {
        var body = await DeflectAsync("how do I refund a payment from the dashboard");

        Assert.Equal("answer", body.GetProperty("decision").GetString());
        var answer = body.GetProperty("answer");
        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        var text = answer.GetProperty("text").GetString()!;
        Assert.Contains("Select **Refund**", text, StringComparison.Ordinal);
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        var numbers = citations.Select(c => c.GetProperty("number").GetInt32()).ToHashSet();
        var markers = Marker().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(markers);
        Assert.All(markers, n => Assert.Contains(n, numbers));
        Assert.Contains(citations, c => c.GetProperty("articleId").GetString() == "refunds-issue-a-refund");
        Assert.All(citations, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("quote").GetString())));
        Assert.NotEqual(Guid.Empty, body.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("where is my payout? it was due on Monday", "own account")]
    [InlineData("I think my account was hacked, there are payouts I did not make", "fraud")]
    [InlineData("refund me now or my lawyer will contact you", "legal")]
    [InlineData("how do I refund a payment? I want to talk to a human", "asks for a person")]
    public async Task Questions_that_need_a_person_go_to_one_whatever_the_articles_say(string question, string reason)
    {
        var body = await DeflectAsync(question);

        Assert.Equal("contact_support", body.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("answer").ValueKind);
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_question_no_article_covers_goes_to_a_person_without_an_answer()
    {
        var body = await DeflectAsync("xylophone quartz zeppelin");

        Assert.Equal("contact_support", body.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("answer").ValueKind);
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("below the suggestion threshold", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("account closure and offboarding policy")]
    [InlineData("webhook incident escalation runbook")]
    [InlineData("chargeback escalation runbook for agents")]
    public async Task End_users_never_see_internal_articles(string question)
    {
        var body = await DeflectAsync(question);

        var suggested = body.GetProperty("suggestedArticles").EnumerateArray().Select(a => a.GetProperty("articleId").GetString()!).ToList();
        var cited = body.GetProperty("answer").ValueKind == JsonValueKind.Object
            ? body.GetProperty("answer").GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("articleId").GetString()!).ToList()
            : [];
        Assert.DoesNotContain(suggested.Concat(cited), InternalArticles.Contains);
    }

    [Fact]
    public async Task Personal_data_in_the_question_is_redacted_before_use_and_never_echoed()
    {
        var response = await _client.PostAsJsonAsync("/v1/deflections",
            new { question = "my card 4242 4242 4242 4242 was declined, email me at jane@example.com or talk to a human" });
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("4242 4242", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("jane@example.com", raw, StringComparison.Ordinal);
        var body = JsonDocument.Parse(raw).RootElement;
        Assert.Contains(body.GetProperty("reasons").EnumerateArray(), r => r.GetString() == "personal data redacted before use: [EMAIL], [CARD]");
    }

    [Fact]
    public async Task Every_deflection_is_recorded_as_an_outcome_with_its_input_redacted()
    {
        var response = await _client.PostAsJsonAsync("/v1/deflections",
            new { question = "how do I refund a payment from the dashboard? I'm jane@example.com", locale = "en", customerPlan = "growth", sessionId = "s-123" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();

        var outcome = await samples.Factory.Services.GetRequiredService<IOutcomeLog>().GetAsync(id, CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.Equal("deflection", outcome.Kind);
        Assert.Equal("how do I refund a payment from the dashboard? I'm [EMAIL]", outcome.Input);
        Assert.Equal(body.GetProperty("decision").GetString(), outcome.Decision);
        Assert.Equal(("en", "growth", "s-123"), (outcome.Locale, outcome.CustomerPlan, outcome.SessionId));
        Assert.NotEmpty(outcome.Retrieved);
        Assert.Equal("answer", outcome.Decision);
        Assert.Equal("extractive/1", outcome.Composer);
        Assert.Equal(body.GetProperty("answer").GetProperty("text").GetString(), outcome.Answer);
        Assert.NotEmpty(outcome.CitedChunks);
        Assert.True(outcome.LatencyMs > 0);
    }

    [Fact]
    public async Task Feedback_links_to_its_deflection_with_the_comment_redacted()
    {
        var body = await DeflectAsync("how long does a refund take");
        var id = body.GetProperty("id").GetGuid();

        var response = await _client.PostAsJsonAsync($"/v1/deflections/{id}/feedback", new { kind = "contacted_support", comment = "still nothing, call me on +44 20 7946 0958" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var feedback = await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(id, CancellationToken.None);
        var stored = Assert.Single(feedback);
        Assert.Equal("contacted_support", stored.Kind);
        Assert.Equal("still nothing, call me on [PHONE]", stored.Comment);
    }

    [Fact]
    public async Task A_verdict_is_given_once_the_same_again_is_accepted_and_the_opposite_is_a_409()
    {
        var id = (await DeflectAsync("how long does a refund take")).GetProperty("id").GetGuid();

        var helpful = await _client.PostAsJsonAsync($"/v1/deflections/{id}/feedback", new { kind = "helpful" });
        var again = await _client.PostAsJsonAsync($"/v1/deflections/{id}/feedback", new { kind = "helpful" });
        var opposite = await _client.PostAsJsonAsync($"/v1/deflections/{id}/feedback", new { kind = "not_helpful" });

        Assert.Equal(HttpStatusCode.NoContent, helpful.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var problem = await opposite.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("helpful", problem.GetProperty("recordedKind").GetString());
        Assert.Equal(["helpful"], (await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(id, CancellationToken.None)).Select(f => f.Kind));
    }

    [Fact]
    public async Task Contacting_support_is_recorded_once_beside_either_verdict()
    {
        var id = (await DeflectAsync("how long does a refund take")).GetProperty("id").GetGuid();

        foreach (var kind in new[] { "helpful", "contacted_support", "contacted_support" })
            Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsJsonAsync($"/v1/deflections/{id}/feedback", new { kind })).StatusCode);

        Assert.Equal(["helpful", "contacted_support"], (await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(id, CancellationToken.None)).Select(f => f.Kind));
    }

    [Fact]
    public async Task Conflicting_verdicts_sent_at_once_store_exactly_one()
    {
        var id = (await DeflectAsync("how long does a refund take")).GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _client.PostAsJsonAsync($"/v1/deflections/{id}/feedback", new { kind = i % 2 == 0 ? "helpful" : "not_helpful" })));

        var stored = await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(id, CancellationToken.None);
        var verdict = Assert.Single(stored).Kind;
        Assert.All(responses, r => Assert.Equal(
            r.StatusCode == HttpStatusCode.NoContent ? HttpStatusCode.NoContent : HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.True(verdict is "helpful" or "not_helpful", verdict);
    }

    [Fact]
    public async Task Feedback_on_an_unknown_deflection_is_a_404_problem_and_stores_nothing()
    {
        var id = Guid.NewGuid();

        var response = await _client.PostAsJsonAsync($"/v1/deflections/{id}/feedback", new { kind = "helpful" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData("{\"kind\": \"great\"}", "kind")]
    [InlineData("{}", "kind")]
    public async Task Bad_feedback_is_a_validation_problem_naming_the_field(string json, string field)
    {
        var id = (await DeflectAsync("how long does a refund take")).GetProperty("id").GetGuid();

        var response = await _client.PostAsync($"/v1/deflections/{id}/feedback", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertFieldErrorAsync(field);
        Assert.Empty(await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"kind\": 3}")]
    public async Task Malformed_feedback_is_a_400_problem_and_stores_nothing(string json)
    {
        var id = (await DeflectAsync("how long does a refund take")).GetProperty("id").GetGuid();

        var response = await _client.PostAsync($"/v1/deflections/{id}/feedback", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_comment_over_the_limit_is_refused()
    {
        var id = (await DeflectAsync("how long does a refund take")).GetProperty("id").GetGuid();

        var response = await _client.PostAsJsonAsync($"/v1/deflections/{id}/feedback", new { kind = "helpful", comment = new string('x', 2001) });

        await response.AssertFieldErrorAsync("comment");
    }

    private async Task<(string ContentType, List<SseItem<string>> Events)> StreamAsync(string question)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/deflections") { Content = JsonContent.Create(new { question }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync()) events.Add(item);
        return (response.Content.Headers.ContentType!.MediaType!, events);
    }

    [Fact]
    public async Task A_streamed_answer_sends_articles_then_the_answer_then_the_decision_with_citations()
    {
        var (contentType, events) = await StreamAsync("how do I refund a payment from the dashboard");

        Assert.Equal("text/event-stream", contentType);
        Assert.Equal("articles", events[0].EventType);
        Assert.Equal("decision", events[^1].EventType);
        var pieces = events.Skip(1).SkipLast(1).ToList();
        Assert.All(pieces, e => Assert.Equal("answer", e.EventType));
        Assert.True(pieces.Count > 1, "the answer comes in pieces");
        var decision = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Equal("answer", decision.GetProperty("decision").GetString());
        var streamed = string.Concat(pieces.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("text").GetString()));
        Assert.Equal(decision.GetProperty("answer").GetProperty("text").GetString(), streamed);
        Assert.NotEmpty(decision.GetProperty("answer").GetProperty("citations").EnumerateArray());
        Assert.Equal(JsonDocument.Parse(events[0].Data).RootElement.GetArrayLength(), decision.GetProperty("suggestedArticles").GetArrayLength());
    }

    [Fact]
    public async Task A_streamed_handoff_sends_no_answer_events()
    {
        var (_, events) = await StreamAsync("where is my payout");

        Assert.Equal(["articles", "decision"], events.Select(e => e.EventType));
        Assert.Equal("contact_support", JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("{}", "question")]
    [InlineData("{\"question\": \"   \"}", "question")]
    [InlineData("{\"question\": \"refunds\", \"locale\": \"not a locale!\"}", "locale")]
    [InlineData("{\"question\": \"refunds\", \"productArea\": \"Refunds & more\"}", "productArea")]
    [InlineData("{\"question\": \"refunds\", \"customerPlan\": \"gold plan!\"}", "customerPlan")]
    [InlineData("{\"question\": \"refunds\", \"sessionId\": \"\"}", "sessionId")]
    [InlineData("{\"question\": \"refunds\", \"sessionId\": \"jane.doe@example.com\"}", "sessionId")]
    [InlineData("{\"question\": \"refunds\", \"sessionId\": \"Jane Doe\"}", "sessionId")]
    public async Task Bad_input_is_a_validation_problem_naming_the_field(string json, string field)
    {
        var response = await _client.PostAsync("/v1/deflections", new StringContent(json, Encoding.UTF8, "application/json"));

        var messages = await response.AssertFieldErrorAsync(field);
        Assert.NotEmpty(messages);
    }

    [Fact]
    public async Task A_question_over_the_limit_is_refused_with_its_length()
    {
        var response = await _client.PostAsJsonAsync("/v1/deflections", new { question = new string('a', 2001) });

        var messages = await response.AssertFieldErrorAsync("question");
        Assert.Contains("2001", messages[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"question\": ")]
    [InlineData("not json")]
    [InlineData("{\"question\": 42}")]
    public async Task Malformed_json_is_a_400_problem(string json)
    {
        var response = await _client.PostAsync("/v1/deflections", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
