namespace SupportAssist.Api.Tests;

/// <summary><c>POST /v1/drafts</c> and its feedback on the sample help center, extractive (no model configured).</summary>
public sealed class DraftsApiTests(SampleHelpCenterFixture samples) : IClassFixture<SampleHelpCenterFixture>
{
    private readonly HttpClient _client = samples.Factory.CreateClient();

    private static object RefundTicket(string? name = "Dana") => new
    {
        subject = "Refund exception for a customer",
        body = "A customer wants a refund on a payment from four months ago. Can we still refund it? My email is dana@shop.example.",
        thread = new object[]
        {
            new { role = "agent", text = "Thanks Dana, which payment is it?" },
            new { role = "customer", text = "Payment pay_1182. How do I refund a payment that old?" },
        },
        customer = new { name, plan = "premium", country = "DE" },
    };

    private async Task<JsonElement> DraftAsync(object ticket)
    {
        var response = await _client.PostAsJsonAsync("/v1/drafts", ticket);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_draft_greets_the_customer_quotes_public_articles_with_citations_and_lists_internal_guidance_unquoted()
    {
        var body = await DraftAsync(RefundTicket());

        Assert.Equal("en", body.GetProperty("language").GetString());
        var reply = body.GetProperty("reply");
        Assert.Equal("extractive", reply.GetProperty("mode").GetString());
        var text = reply.GetProperty("text").GetString()!;
        Assert.StartsWith("Hi Dana,", text, StringComparison.Ordinal);
        var citations = body.GetProperty("citations").EnumerateArray().ToList();
        var cited = citations.Where(c => c.GetProperty("audience").GetString() == "public").ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, c => Assert.Contains($"[{c.GetProperty("number").GetInt32()}]", text, StringComparison.Ordinal));
        var guidance = Assert.Single(citations, c => c.GetProperty("audience").GetString() == "internal");
        Assert.Equal("refunds-internal-refund-exception-policy", guidance.GetProperty("articleId").GetString());
        Assert.DoesNotContain(guidance.GetProperty("quote").GetString()!, text, StringComparison.Ordinal);
        Assert.DoesNotContain($"[{guidance.GetProperty("number").GetInt32()}]", text, StringComparison.Ordinal);
        Assert.Contains("3 messages (2 from the customer, 1 from agents)", body.GetProperty("summary").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(body.GetProperty("suggestedArticles").EnumerateArray());
    }

    [Fact]
    public async Task A_Spanish_ticket_gets_a_Spanish_draft_from_Spanish_articles()
    {
        var body = await DraftAsync(new
        {
            subject = "Reembolso",
            body = "Hola, ¿cómo hago un reembolso de un pago desde el panel? Gracias",
            customer = new { name = "Lucía" },
        });

        Assert.Equal("es", body.GetProperty("language").GetString());
        Assert.StartsWith("Hola, Lucía:", body.GetProperty("reply").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(body.GetProperty("citations").EnumerateArray(), c => c.GetProperty("articleId").GetString() == "refunds-issue-a-refund-es");
    }

    [Fact]
    public async Task The_customer_locale_decides_the_language_over_the_text()
    {
        var body = await DraftAsync(new { subject = "Refund", body = "How do I refund a payment?", customer = new { locale = "es-MX" } });

        Assert.Equal("es", body.GetProperty("language").GetString());
        Assert.StartsWith("Hola:\n", body.GetProperty("reply").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_draft_is_recorded_as_an_outcome_with_the_ticket_redacted()
    {
        var body = await DraftAsync(RefundTicket());

        var outcome = await samples.Factory.Services.GetRequiredService<IOutcomeLog>().GetAsync(body.GetProperty("id").GetGuid(), CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.Equal("draft", outcome.Kind);
        Assert.Equal("extractive", outcome.Mode);
        Assert.Contains("[EMAIL]", outcome.Input, StringComparison.Ordinal);
        Assert.DoesNotContain("dana@shop.example", outcome.Input, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana", outcome.Input, StringComparison.Ordinal);
        Assert.Contains("Thanks [NAME], which payment is it?", outcome.Input, StringComparison.Ordinal);
        Assert.NotEmpty(outcome.Retrieved);
    }

    [Fact]
    public async Task Draft_feedback_takes_one_verdict_repeats_are_accepted_and_a_different_verdict_is_a_409()
    {
        var id = (await DraftAsync(RefundTicket())).GetProperty("id").GetGuid();

        var edited = await _client.PostAsJsonAsync($"/v1/drafts/{id}/feedback", new { kind = "edited", finalText = "Hi Dana, refunds are possible for 180 days. Write to dana@shop.example." });
        var again = await _client.PostAsJsonAsync($"/v1/drafts/{id}/feedback", new { kind = "edited", finalText = "Hi Dana, refunds are possible for 180 days. Write to dana@shop.example." });
        var rejected = await _client.PostAsJsonAsync($"/v1/drafts/{id}/feedback", new { kind = "rejected" });

        Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var problem = await rejected.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("edited", problem.GetProperty("recordedKind").GetString());
        var stored = Assert.Single(await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(id, CancellationToken.None));
        Assert.Equal("Hi [NAME], refunds are possible for 180 days. Write to [EMAIL].", stored.FinalText);
    }

    [Fact]
    public async Task The_customer_name_in_feedback_texts_is_stored_as_a_placeholder_wherever_it_appears()
    {
        var greeted = (await DraftAsync(RefundTicket("Dana Weber"))).GetProperty("id").GetGuid();
        var named = (await DraftAsync(RefundTicket("Dana Weber"))).GetProperty("id").GetGuid();

        // The name the reply greets with is read where the draft had its placeholder; the parts are found everywhere.
        var fromGreeting = await _client.PostAsJsonAsync($"/v1/drafts/{greeted}/feedback", new
        {
            kind = "edited",
            finalText = "Hi Dana Weber, refunds are possible for 180 days. Weber Logistics can be refunded too, Dana.",
            comment = "Dana asked twice; Dana Weber is a premium customer",
        });
        // A greeting the agent rewrote: the name given with the feedback is used.
        var fromField = await _client.PostAsJsonAsync($"/v1/drafts/{named}/feedback", new
        {
            kind = "edited",
            finalText = "Good news: refunds are possible for 180 days, Dana.",
            comment = "Weber was fine with it",
            customerName = "Dana Weber",
        });

        Assert.Equal(HttpStatusCode.NoContent, fromGreeting.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, fromField.StatusCode);
        var log = samples.Factory.Services.GetRequiredService<IOutcomeLog>();
        var first = Assert.Single(await log.FeedbackAsync(greeted, CancellationToken.None));
        Assert.Equal("Hi [NAME], refunds are possible for 180 days. [NAME] Logistics can be refunded too, [NAME].", first.FinalText);
        Assert.Equal("[NAME] asked twice; [NAME] is a premium customer", first.Comment);
        var second = Assert.Single(await log.FeedbackAsync(named, CancellationToken.None));
        Assert.Equal("Good news: refunds are possible for 180 days, [NAME].", second.FinalText);
        Assert.Equal("[NAME] was fine with it", second.Comment);
    }

    [Fact]
    public async Task Draft_feedback_on_an_unknown_draft_or_on_a_deflection_id_is_a_404()
    {
        var deflection = await _client.PostAsJsonAsync("/v1/deflections", new { question = "how do I refund a payment" });
        var deflectionId = (await deflection.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var unknown = await _client.PostAsJsonAsync($"/v1/drafts/{Guid.NewGuid()}/feedback", new { kind = "accepted" });
        var wrongKind = await _client.PostAsJsonAsync($"/v1/drafts/{deflectionId}/feedback", new { kind = "accepted" });

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        await wrongKind.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(deflectionId, CancellationToken.None));
    }

    [Theory]
    [InlineData("{}", "kind")]
    [InlineData("{\"kind\": \"sent\"}", "kind")]
    [InlineData("{\"kind\": \"edited\"}", "finalText")]
    [InlineData("{\"kind\": \"edited\", \"finalText\": \"  \"}", "finalText")]
    [InlineData("{\"kind\": \"accepted\", \"finalText\": \"text\"}", "finalText")]
    [InlineData("{\"kind\": \"accepted\", \"customerName\": \" \"}", "customerName")]
    public async Task Bad_draft_feedback_is_a_validation_problem_naming_the_field(string json, string field)
    {
        var id = (await DraftAsync(RefundTicket())).GetProperty("id").GetGuid();

        var response = await _client.PostAsync($"/v1/drafts/{id}/feedback", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.NotEmpty(await response.AssertFieldErrorAsync(field));
        Assert.Empty(await samples.Factory.Services.GetRequiredService<IOutcomeLog>().FeedbackAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData("{\"body\": \"help\"}", "subject")]
    [InlineData("{\"subject\": \"help\"}", "body")]
    [InlineData("{\"subject\": \" \", \"body\": \"help\"}", "subject")]
    [InlineData("{\"subject\": \"s\", \"body\": \"b\", \"thread\": [{\"role\": \"bot\", \"text\": \"hi\"}]}", "thread[0].role")]
    [InlineData("{\"subject\": \"s\", \"body\": \"b\", \"thread\": [{\"role\": \"agent\", \"text\": \"\"}]}", "thread[0].text")]
    [InlineData("{\"subject\": \"s\", \"body\": \"b\", \"thread\": [null]}", "thread[0]")]
    [InlineData("{\"subject\": \"s\", \"body\": \"b\", \"customer\": {\"country\": \"Germany\"}}", "customer.country")]
    [InlineData("{\"subject\": \"s\", \"body\": \"b\", \"customer\": {\"locale\": \"not a locale\"}}", "customer.locale")]
    [InlineData("{\"subject\": \"s\", \"body\": \"b\", \"customer\": {\"plan\": \"gold plan!\"}}", "customer.plan")]
    [InlineData("{\"subject\": \"s\", \"body\": \"b\", \"customer\": {\"name\": \"a\\u0007b\"}}", "customer.name")]
    public async Task Bad_tickets_are_a_validation_problem_naming_the_field(string json, string field)
    {
        var response = await _client.PostAsync("/v1/drafts", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.NotEmpty(await response.AssertFieldErrorAsync(field));
    }

    [Fact]
    public async Task Limits_on_subject_body_and_thread_are_enforced_with_the_sizes()
    {
        var longSubject = await _client.PostAsJsonAsync("/v1/drafts", new { subject = new string('a', 301), body = "b" });
        var longBody = await _client.PostAsJsonAsync("/v1/drafts", new { subject = "s", body = new string('b', 10_001) });
        var longThread = await _client.PostAsJsonAsync("/v1/drafts", new { subject = "s", body = "b", thread = Enumerable.Repeat(new { role = "agent", text = "x" }, 51) });

        Assert.Contains("got 301", (await longSubject.AssertFieldErrorAsync("subject"))[0], StringComparison.Ordinal);
        Assert.Contains("got 10001", (await longBody.AssertFieldErrorAsync("body"))[0], StringComparison.Ordinal);
        Assert.Contains("got 51", (await longThread.AssertFieldErrorAsync("thread"))[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"subject\": 5, \"body\": \"b\"}")]
    [InlineData("[1, 2]")]
    public async Task Malformed_json_is_a_400_problem(string json)
    {
        var response = await _client.PostAsync("/v1/drafts", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
