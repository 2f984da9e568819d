namespace SupportAssist.Drafting;

/// <summary>A support ticket: the subject, the customer's first message, and the messages that followed, oldest first.</summary>
public sealed record Ticket(string Subject, string Body, IReadOnlyList<TicketMessage> Thread, CustomerInfo Customer)
{
    /// <summary>The customer's latest message: the last customer message of the thread, or the body.</summary>
    public string LatestCustomerMessage => Thread.LastOrDefault(m => m.Role == MessageRole.Customer)?.Text ?? Body;

    /// <summary>Every message in order, the body first as the customer's.</summary>
    public IEnumerable<TicketMessage> Messages => Thread.Prepend(new TicketMessage(MessageRole.Customer, Body));
}
