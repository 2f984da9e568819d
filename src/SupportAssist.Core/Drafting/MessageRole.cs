namespace SupportAssist.Drafting;

/// <summary>Who wrote a message of a ticket thread.</summary>
public enum MessageRole
{
    /// <summary>The customer.</summary>
    Customer,

    /// <summary>A support agent.</summary>
    Agent,
}
