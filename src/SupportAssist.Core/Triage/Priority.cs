namespace SupportAssist.Triage;

/// <summary>Ticket priority, P1 (most urgent) to P4.</summary>
public enum Priority
{
    /// <summary>Urgent: outage, security compromise, legal threat.</summary>
    P1 = 1,

    /// <summary>High.</summary>
    P2 = 2,

    /// <summary>Normal.</summary>
    P3 = 3,

    /// <summary>Low.</summary>
    P4 = 4,
}
