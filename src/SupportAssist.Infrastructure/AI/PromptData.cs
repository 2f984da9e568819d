using System.Text;
using System.Text.RegularExpressions;
using SupportAssist.Answering;
using SupportAssist.Drafting;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// The user message a prompt's data travels in: passages, question and ticket, each between the tags the prompts
/// describe. Tag-like text inside the data is neutralised, so an article or a customer cannot close a section
/// early and write outside it.
/// </summary>
public static partial class PromptData
{
    /// <summary>The numbered passages; with <paramref name="showAudience"/>, each says whether it is public or internal.</summary>
    public static string Passages(IReadOnlyList<Passage> passages, bool showAudience)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var text = new StringBuilder("<passages>\n");
        foreach (var passage in passages)
        {
            var chunk = passage.Chunk;
            text.Append('[').Append(passage.Number).Append("] ");
            if (showAudience) text.Append('(').Append(EnumNames.Of(chunk.Audience)).Append(") ");
            text.Append(Clean(chunk.HeadingPath)).Append('\n').Append(Clean(chunk.Text).Trim()).Append("\n\n");
        }
        return text.Append("</passages>").ToString();
    }

    /// <summary>The customer's question.</summary>
    public static string Question(string question) => "<question>\n" + Clean(question).Trim() + "\n</question>";

    /// <summary>The ticket: subject, then every message in order with who wrote it. The customer is greeted as <see cref="DraftService.NamePlaceholder"/>.</summary>
    public static string Ticket(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var text = new StringBuilder("<ticket>\n");
        text.Append("Subject: ").Append(Clean(ticket.Subject).Trim()).Append('\n');
        text.Append("Customer name: ").Append(DraftService.NamePlaceholder).Append('\n');
        if (ticket.Customer.Plan is { } plan) text.Append("Customer plan: ").Append(Clean(plan)).Append('\n');
        foreach (var message in ticket.Messages)
            text.Append('\n').Append(message.Role == MessageRole.Customer ? "[customer] " : "[agent] ").Append(Clean(message.Text).Trim()).Append('\n');
        return text.Append("</ticket>").ToString();
    }

    private static string Clean(string text) => Tag().Replace(text, "[tag removed]");

    [GeneratedRegex(@"<\s*/?\s*(passages|question|ticket)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();
}
