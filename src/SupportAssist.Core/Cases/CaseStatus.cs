namespace SupportAssist.Cases;

/// <summary>Where a case stands: waiting for an agent, waiting for the customer, or done.</summary>
public enum CaseStatus
{
    /// <summary>New or reopened: an agent should answer.</summary>
    Open,

    /// <summary>Answered; waiting for the customer.</summary>
    Pending,

    /// <summary>Done.</summary>
    Solved,
}
