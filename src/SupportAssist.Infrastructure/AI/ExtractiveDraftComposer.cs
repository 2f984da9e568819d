using System.Text;
using SupportAssist.Answering;
using SupportAssist.Drafting;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// The offline draft: a fixed greeting and closing in the ticket's language around sentences quoted from the
/// public passages (the extractive composer's choice, cited), or a holding reply when none fit. Internal
/// passages are never quoted in the reply; the best of them is listed as a citation for the agent. The
/// summary is a plain account of the thread in the agents' language (English phrases).
/// </summary>
public sealed class ExtractiveDraftComposer(ExtractiveComposer extractive) : IDraftComposer
{
    private sealed record Phrases(string Greeting, string Thanks, string Holding, string Closing);

    // Fixed, reviewed phrases per language; anything else gets English.
    private static readonly Dictionary<string, Phrases> ByLanguage = new(StringComparer.Ordinal)
    {
        ["en"] = new("Hi [NAME],", "Thanks for getting in touch.", "We are looking into this and will get back to you shortly.", "Let us know if anything is unclear."),
        ["es"] = new("Hola, [NAME]:", "Gracias por escribirnos.", "Estamos revisando tu caso y te responderemos en breve.", "Si algo no queda claro, escríbenos."),
        ["fr"] = new("Bonjour [NAME],", "Merci de nous avoir contactés.", "Nous examinons votre demande et revenons vers vous rapidement.", "N'hésitez pas à nous écrire si quelque chose n'est pas clair."),
        ["de"] = new("Hallo [NAME],", "Danke für Ihre Nachricht.", "Wir prüfen Ihr Anliegen und melden uns in Kürze.", "Melden Sie sich gern, wenn etwas unklar ist."),
        ["pt"] = new("Olá, [NAME],", "Obrigado por entrar em contato.", "Estamos analisando o seu caso e retornaremos em breve.", "Se algo não estiver claro, fale conosco."),
        ["ja"] = new("[NAME] 様", "お問い合わせいただきありがとうございます。", "現在確認しておりますので、まもなくご連絡いたします。", "ご不明な点がございましたらお知らせください。"),
    };

    public async Task<ComposedAnswer> DraftReplyAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var phrases = ByLanguage.GetValueOrDefault(request.Language.Code) ?? ByLanguage["en"];
        var question = request.Ticket.Subject + "\n" + request.Ticket.LatestCustomerMessage;
        var publicPassages = request.Passages.Where(p => p.Chunk.Audience == ArticleAudience.Public).ToList();
        var internalPassages = request.Passages.Where(p => p.Chunk.Audience == ArticleAudience.Internal).ToList();
        var answer = publicPassages.Count == 0 ? null : await extractive.ComposeAsync(new AnswerRequest(question, publicPassages, request.Language.Name), cancellationToken);
        var guidance = internalPassages.Count == 0 ? null : await extractive.ComposeAsync(new AnswerRequest(question, internalPassages, request.Language.Name), cancellationToken);

        var text = new StringBuilder(phrases.Greeting).Append("\n\n").Append(phrases.Thanks);
        var citations = new List<Citation>();
        if (answer is { Abstained: false })
        {
            text.Append("\n\n").Append(answer.Text).Append("\n\n");
            citations.AddRange(answer.Citations);
        }
        else text.Append(' ').Append(phrases.Holding).Append("\n\n");
        text.Append(phrases.Closing);
        // Guidance for the agent: cited, never quoted in the reply.
        if (guidance is { Abstained: false }) citations.AddRange(guidance.Citations.Take(1));
        return new ComposedAnswer(text.ToString(), AnswerMode.Extractive, citations, null);
    }

    public Task<ComposedAnswer> SummarizeAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ticket = request.Ticket;
        var messages = ticket.Messages.ToList();
        var fromCustomer = messages.Count(m => m.Role == MessageRole.Customer);
        var summary = new StringBuilder()
            .Append("Ticket \"").Append(Shorten(ticket.Subject, 120)).Append("\": ")
            .Append(messages.Count).Append(messages.Count == 1 ? " message" : " messages")
            .Append(" (").Append(fromCustomer).Append(" from the customer, ").Append(messages.Count - fromCustomer).Append(" from agents). ")
            .Append("The customer wrote: \"").Append(Shorten(ticket.Body, 200)).Append("\".");
        if (ticket.Thread.LastOrDefault(m => m.Role == MessageRole.Agent) is { } agent)
            summary.Append(" Last agent reply: \"").Append(Shorten(agent.Text, 160)).Append("\".");
        if (ticket.Thread.Any(m => m.Role == MessageRole.Customer))
            summary.Append(" Latest from the customer: \"").Append(Shorten(ticket.LatestCustomerMessage, 200)).Append("\".");
        return Task.FromResult(new ComposedAnswer(summary.ToString(), AnswerMode.Extractive, [], null));
    }

    private static string Shorten(string text, int maxChars)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= maxChars) return flat;
        var cut = flat.LastIndexOf(' ', maxChars);
        return flat[..(cut > maxChars / 2 ? cut : maxChars)] + "…";
    }
}
