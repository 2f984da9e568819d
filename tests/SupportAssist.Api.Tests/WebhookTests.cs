using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupportAssist.Api.Tests;

/// <summary>The outgoing webhook, received by a real server on loopback: signed, retried through the resilience pipeline, one per event.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-0123456789abcdef-0123456789";
    private readonly ConcurrentQueue<(string Event, string Delivery, string Signature, byte[] Body, int Answered)> _received = new();
    private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _replied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _receiver = null!;
    private SupportAssistFactory _factory = null!;
    private int _attempts;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _receiver = builder.Build();
        // The receiver is down for the first delivery attempt (503), then takes everything.
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var status = Interlocked.Increment(ref _attempts) == 1 ? 503 : 200;
            var type = request.Headers["X-SupportAssist-Event"].ToString();
            _received.Enqueue((type, request.Headers["X-SupportAssist-Delivery"].ToString(), request.Headers["X-SupportAssist-Signature"].ToString(), buffer.ToArray(), status));
            if (status == 200 && type == "case.created") _delivered.TrySetResult();
            if (status == 200 && type == "reply.recorded") _replied.TrySetResult();
            return Results.StatusCode(status);
        });
        await _receiver.StartAsync();
        _factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["SupportAssist:Webhooks:Url"] = _receiver.Urls.Single() + "/hook",
            ["SupportAssist:Webhooks:Secret"] = Secret,
            ["SupportAssist:Webhooks:Resilience:RetryBaseDelaySeconds"] = "0.05",
        });
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_new_case_and_a_reply_are_posted_signed_and_retried_until_the_receiver_takes_them()
    {
        var client = _factory.CreateClient();
        var created = await (await client.PostAsJsonAsync("/v1/cases", new { subject = "Refund", message = "How do I refund a payment?", contactEmail = "hook@example.com" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        await _delivered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var draft = await (await client.PostAsync($"/v1/cases/{id}/drafts", null)).Content.ReadFromJsonAsync<JsonElement>();
        var draftId = draft.GetProperty("id").GetString();
        var first = await client.PostAsJsonAsync($"/v1/cases/{id}/replies", new { draftId, kind = "edited", finalText = "Open the payment and choose Refund." });
        var again = await client.PostAsJsonAsync($"/v1/cases/{id}/replies", new { draftId, kind = "edited", finalText = "Open the payment and choose Refund." });
        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        await _replied.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var attempts = _received.ToList();
        var creations = attempts.Where(a => a.Event == "case.created").ToList();
        Assert.Equal([503, 200], creations.Select(a => a.Answered));
        Assert.Single(creations.Select(a => a.Delivery).Distinct());
        Assert.Single(attempts, a => a.Event == "reply.recorded");
        foreach (var attempt in attempts)
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), attempt.Body)), attempt.Signature);
        var body = JsonDocument.Parse(creations[^1].Body).RootElement;
        Assert.Equal(created.GetProperty("reference").GetString(), body.GetProperty("case").GetProperty("reference").GetString());
        Assert.Equal("hook@example.com", body.GetProperty("case").GetProperty("contactEmail").GetString());
        var reply = JsonDocument.Parse(attempts.Single(a => a.Event == "reply.recorded").Body).RootElement;
        Assert.Equal("Open the payment and choose Refund.", reply.GetProperty("finalText").GetString());
        Assert.Equal("edited", reply.GetProperty("reply").GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("http://hooks.example.com/in", Secret, "Url")]
    [InlineData("https://hooks.example.com/in", "short", "Secret")]
    public void Bad_webhook_settings_stop_start_up(string url, string secret, string field)
    {
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?> { ["SupportAssist:Webhooks:Url"] = url, ["SupportAssist:Webhooks:Secret"] = secret });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains($"SupportAssist:Webhooks:{field}", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_costs_the_event_but_not_the_service()
    {
        var answered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        // The first event's deliveries hang until the sender gives up; the next event is taken.
        receiver.MapPost("/hook", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            using var body = new StreamReader(request.Body);
            var text = await body.ReadToEndAsync(cancellationToken);
            if (text.Contains("First hanging", StringComparison.Ordinal)) await Task.Delay(Timeout.Infinite, cancellationToken);
            answered.TrySetResult(text);
            return Results.Ok();
        });
        await receiver.StartAsync();
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?>
        {
            ["SupportAssist:Webhooks:Url"] = receiver.Urls.Single() + "/hook",
            ["SupportAssist:Webhooks:Secret"] = Secret,
            ["SupportAssist:Webhooks:Resilience:AttemptTimeoutSeconds"] = "0.3",
            ["SupportAssist:Webhooks:Resilience:TotalTimeoutSeconds"] = "1",
            ["SupportAssist:Webhooks:Resilience:MaxRetries"] = "1",
            ["SupportAssist:Webhooks:Resilience:RetryBaseDelaySeconds"] = "0.05",
        });
        var client = factory.CreateClient();

        await client.PostAsJsonAsync("/v1/cases", new { subject = "First hanging", message = "How do I refund?", contactEmail = "a@example.com" });
        await client.PostAsJsonAsync("/v1/cases", new { subject = "Second", message = "How do I refund?", contactEmail = "b@example.com" });
        var delivered = await answered.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("\"subject\":\"Second\"", delivered, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Contains(factory.Log.Events, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("not delivered", StringComparison.Ordinal));
    }
}
