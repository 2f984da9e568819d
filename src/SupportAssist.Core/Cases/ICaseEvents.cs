namespace SupportAssist.Cases;

/// <summary>Where case events go. Publishing must not wait for the receiver: it queues the event and returns.</summary>
public interface ICaseEvents
{
    /// <summary>Queues <paramref name="caseEvent"/> for delivery; false when the queue is full (the event is dropped and logged).</summary>
    bool Publish(CaseEvent caseEvent);
}
