using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Cases;

namespace SupportAssist.Infrastructure.Webhooks;

/// <summary>
/// Queues case events in a bounded channel; <see cref="WebhookSender"/> delivers them. Publishing never waits for the
/// receiver, and a full queue drops the event with a warning rather than holding a customer's request.
/// </summary>
public sealed partial class WebhookCaseEvents(IOptions<WebhookOptions> options, ILogger<WebhookCaseEvents> logger) : ICaseEvents
{
    private readonly Channel<CaseEvent> _queue = Channel.CreateBounded<CaseEvent>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public ChannelReader<CaseEvent> Reader => _queue.Reader;

    public bool Publish(CaseEvent caseEvent)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        if (_queue.Writer.TryWrite(caseEvent)) return true;
        LogDropped(logger, caseEvent.Type, caseEvent.Case.Id);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook queue full: {EventType} for case {CaseId} dropped")]
    private static partial void LogDropped(ILogger logger, string eventType, Guid caseId);
}
