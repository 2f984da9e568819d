using SupportAssist.Answering;
using SupportAssist.Text;

namespace SupportAssist.Drafting;

/// <summary>Who wrote a message of a ticket thread.</summary>
public enum MessageRole
{
    /// <summary>The customer.</summary>
    Customer,

    /// <summary>A support agent.</summary>
    Agent,
}

/// <summary>One message of a ticket thread.</summary>
public sealed record TicketMessage(MessageRole Role, string Text);

/// <summary>What the help desk knows about the customer. The name is used in the greeting and never sent to a provider.</summary>
public sealed record CustomerInfo(string? Name, string? Plan, string? Country, string? Locale);

/// <summary>A support ticket: the subject, the customer's first message, and the messages that followed, oldest first.</summary>
public sealed record Ticket(string Subject, string Body, IReadOnlyList<TicketMessage> Thread, CustomerInfo Customer)
{
    /// <summary>The customer's latest message: the last customer message of the thread, or the body.</summary>
    public string LatestCustomerMessage => Thread.LastOrDefault(m => m.Role == MessageRole.Customer)?.Text ?? Body;

    /// <summary>Every message in order, the body first as the customer's.</summary>
    public IEnumerable<TicketMessage> Messages => Thread.Prepend(new TicketMessage(MessageRole.Customer, Body));
}

/// <summary>What a draft composer works from: the ticket (redacted), the numbered passages (public and internal), and the style.</summary>
/// <param name="Language">The ticket's language: the reply is written in it.</param>
/// <param name="SummaryLanguage">The agents' language, as an English name: the summary is written in it.</param>
public sealed record DraftRequest(Ticket Ticket, IReadOnlyList<Passage> Passages, Language Language, string Tone, int MaxWords, string SummaryLanguage, int SummarySentences);

/// <summary>Drafts an agent's reply from passages, and summarises the thread. Implemented by the extractive and LLM draft composers.</summary>
public interface IDraftComposer
{
    /// <summary>
    /// A reply to the customer's latest message, citing public passages as <c>[n]</c>; internal passages may be
    /// listed among the citations for the agent but are never cited or quoted in the reply.
    /// </summary>
    Task<ComposedAnswer> DraftReplyAsync(DraftRequest request, CancellationToken cancellationToken);

    /// <summary>A short summary of the thread for the agent (no citations).</summary>
    Task<ComposedAnswer> SummarizeAsync(DraftRequest request, CancellationToken cancellationToken);
}
