using System.Text.Json.Serialization;

namespace SupportAssist.Cases;

/// <summary>Where a case stands: waiting for an agent, waiting for the customer, or done.</summary>
// Named explicitly: these names are stored and sent, so renaming a member must not change them.
public enum CaseStatus
{
    /// <summary>New or reopened: an agent should answer.</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>Answered; waiting for the customer.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Done.</summary>
    [JsonStringEnumMemberName("solved")]
    Solved,
}
