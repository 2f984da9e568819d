namespace SupportAssist.Drafting;

/// <summary>One message of a ticket thread.</summary>
public sealed record TicketMessage(MessageRole Role, string Text);
