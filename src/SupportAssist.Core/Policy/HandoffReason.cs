namespace SupportAssist.Policy;

/// <summary>Why a question must reach a person whatever the help center says.</summary>
public enum HandoffReason
{
    /// <summary>The answer depends on this customer's account ("where is my payout", "why was my account closed").</summary>
    AccountSpecific,

    /// <summary>Suspected fraud against the customer or a compromised account or key.</summary>
    FraudOrCompromise,

    /// <summary>A legal threat or a complaint to a regulator.</summary>
    LegalThreat,

    /// <summary>The customer explicitly asks for a person.</summary>
    AsksForHuman,
}
