using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportAssist.Infrastructure.Webhooks;

/// <summary>
/// Delivers queued case events one at a time: a JSON body signed with HMAC-SHA256 of the configured secret
/// (<c>X-SupportAssist-Signature: sha256=…</c>, hex), with the event type and a delivery id that stays the same across
/// retries, through the client's resilience pipeline (retries with backoff honouring Retry-After, timeouts, circuit breaker).
/// </summary>
public sealed partial class WebhookSender(
    WebhookCaseEvents events, IHttpClientFactory clients, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger) : BackgroundService
{
    public const string ClientName = "supportassist-webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        var key = Encoding.UTF8.GetBytes(settings.Secret!);
        await foreach (var caseEvent in events.Reader.ReadAllAsync(stoppingToken))
        {
            var delivery = Guid.NewGuid();
            var body = JsonSerializer.SerializeToUtf8Bytes(new { id = delivery, type = caseEvent.Type, at = caseEvent.At, @case = caseEvent.Case, reply = caseEvent.Reply, finalText = caseEvent.FinalText }, Json);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-SupportAssist-Event", caseEvent.Type);
                request.Headers.Add("X-SupportAssist-Delivery", delivery.ToString("D"));
                request.Headers.Add("X-SupportAssist-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, body)));
                using var response = await clients.CreateClient(ClientName).SendAsync(request, stoppingToken);
                if (response.IsSuccessStatusCode) LogDelivered(logger, caseEvent.Type, caseEvent.Case.Id, (int)response.StatusCode);
                else LogRefused(logger, caseEvent.Type, caseEvent.Case.Id, (int)response.StatusCode);
            }
            // Whatever a receiver does (refuse, hang until the pipeline's timeout, break the circuit), the event is logged
            // and the sender goes on: one bad delivery must never stop the host.
            catch (Exception error) when (AI.ProviderFailure.Is(error) && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, caseEvent.Type, caseEvent.Case.Id, AI.ProviderFailure.Describe(error));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {EventType} for case {CaseId} delivered ({StatusCode})")]
    private static partial void LogDelivered(ILogger logger, string eventType, Guid caseId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventType} for case {CaseId} refused by the receiver ({StatusCode}) after retries")]
    private static partial void LogRefused(ILogger logger, string eventType, Guid caseId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventType} for case {CaseId} not delivered: {Error}")]
    private static partial void LogFailed(ILogger logger, string eventType, Guid caseId, string error);
}
