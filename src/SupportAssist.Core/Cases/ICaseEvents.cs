namespace SupportAssist.Cases;

/// <summary>What happened to a case, for systems outside (a help desk's webhook).</summary>
/// <param name="Type"><c>case.created</c> or <c>reply.recorded</c>.</param>
/// <param name="Reply">For <c>reply.recorded</c>: the reply, and the text the agent sent when they edited the draft.</param>
public sealed record CaseEvent(string Type, DateTimeOffset At, SupportCase Case, CaseReply? Reply = null, string? FinalText = null);

/// <summary>Where case events go. Publishing must not wait for the receiver: it queues the event and returns.</summary>
public interface ICaseEvents
{
    /// <summary>Queues <paramref name="caseEvent"/> for delivery; false when the queue is full (the event is dropped and logged).</summary>
    bool Publish(CaseEvent caseEvent);
}

/// <summary>No receiver configured: events go nowhere.</summary>
public sealed class NoCaseEvents : ICaseEvents
{
    /// <inheritdoc />
    public bool Publish(CaseEvent caseEvent) => true;
}
