namespace SupportAssist.Cases;

/// <summary>No receiver configured: events go nowhere.</summary>
public sealed class NoCaseEvents : ICaseEvents
{
    /// <inheritdoc />
    public bool Publish(CaseEvent caseEvent) => true;
}
