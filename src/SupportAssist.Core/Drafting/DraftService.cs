using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Answering;
using SupportAssist.Knowledge;
using SupportAssist.Outcomes;
using SupportAssist.Privacy;
using SupportAssist.Retrieval;
using SupportAssist.Text;
using SupportAssist.Triage;

namespace SupportAssist.Drafting;

/// <summary>
/// Agent drafts: the ticket is redacted, public and internal articles are retrieved for the customer's latest
/// message (in the ticket's language when the help center has articles in it), and the composer drafts a
/// reply and a thread summary. LLM composers replace a draft citing passages it was not given by the
/// extractive draft themselves; the check here is the last line.
/// </summary>
public sealed partial class DraftService(
    HybridRetriever retriever, IDraftComposer composer, IOutcomeLog outcomes, TimeProvider clock, IOptions<DraftOptions> options, ILogger<DraftService> logger,
    TriageService? triage = null)
{
    /// <summary>The outcome kind of drafts.</summary>
    public const string OutcomeKind = "draft";

    /// <summary>Drafts a reply to <paramref name="ticket"/> and records the outcome.</summary>
    public async Task<DraftResult> DraftAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var started = clock.GetTimestamp();
        var settings = options.Value;
        var id = Guid.NewGuid();
        var reasons = new List<string>();
        var (redacted, kinds) = Redact(ticket);
        if (kinds.Count > 0) reasons.Add($"personal data redacted before use: {string.Join(", ", kinds.Select(PiiRedactor.Placeholder))}");

        var language = LanguageGuess.OfLocale(ticket.Customer.Locale) ?? LanguageGuess.Of(redacted.Subject + "\n" + redacted.LatestCustomerMessage);
        var triaged = await TriageAsync(redacted, ticket.Customer, kinds, reasons, cancellationToken);
        var query = redacted.Subject + "\n" + redacted.LatestCustomerMessage;
        var retrieval = await retriever.RetrieveAsync(new RetrievalQuery(query, new RetrievalFilter(Audience.Agent, language.Code), settings.SuggestedArticles), cancellationToken);
        if (retrieval.Chunks.Count == 0)
        {
            reasons.Add($"no article in {language.Name} matches; articles in any language were used");
            retrieval = await retriever.RetrieveAsync(new RetrievalQuery(query, new RetrievalFilter(Audience.Agent), settings.SuggestedArticles), cancellationToken);
        }
        if (retrieval.Degraded) reasons.Add($"retrieval degraded: {retrieval.DegradedReason}");
        // Agents need the internal policy beside the public answer: the best internal chunk joins the passages
        // when none of the top ones is internal.
        var chosen = retrieval.Chunks.Take(settings.Passages).ToList();
        if (!chosen.Any(c => c.Chunk.Audience == ArticleAudience.Internal)
            && retrieval.Chunks.Skip(settings.Passages).FirstOrDefault(c => c.Chunk.Audience == ArticleAudience.Internal) is { } guidance)
            chosen.Add(guidance);
        var passages = chosen.Select((c, i) => new Passage(i + 1, c.Chunk)).ToList();
        var request = new DraftRequest(redacted, passages, language, settings.Tone, settings.MaxWords, settings.AgentLanguage, settings.SummarySentences);

        var replyTask = composer.DraftReplyAsync(request, cancellationToken);
        var summaryTask = composer.SummarizeAsync(request, cancellationToken);
        var reply = await replyTask;
        var summary = await summaryTask;
        var usage = TokenUsage.Add(reply.Usage, summary.Usage);
        var check = CitationCheck.Of(reply.Text, passages.Select(p => p.Number).ToList());
        if (check.Unknown.Count > 0) reasons.Add($"the draft cites passages it was not given ({string.Join(", ", check.Unknown)}): check it before sending");
        else if (check.Cited.Count == 0) reasons.Add("the draft cites no article: it is a holding reply for the agent to complete");
        if (reply.Degraded) reasons.Add($"the language model could not draft ({reply.DegradedReason}); the draft is extractive");
        if (summary.Degraded) reasons.Add($"the language model could not summarise ({summary.DegradedReason}); the summary is extractive");
        if (reply.Mode == AnswerMode.Extractive && retrieval.Chunks.Count > 0 && passages.All(p => RetrievalFilter.LanguageOf(p.Chunk.Locale) != language.Code))
            reasons.Add($"the quoted passages are not in {language.Name}: edit before sending");

        var degraded = string.Join("; ", new[] { retrieval.Degraded ? retrieval.DegradedReason : null, reply.DegradedReason, summary.DegradedReason }.OfType<string>());
        var suggestions = retrieval.Articles.Take(settings.SuggestedArticles).ToList();
        var result = new DraftResult(id, language, reply with { Text = Greet(reply.Text, ticket.Customer.Name) },
            summary with { Text = Greet(summary.Text, ticket.Customer.Name) }, suggestions, reasons, degraded.Length > 0)
        { Triage = triaged, Passages = passages };
        var mode = EnumNames.Of(reply.Mode);
        var latencyMs = Math.Round(clock.GetElapsedTime(started).TotalMilliseconds, 3);
        await outcomes.RecordAsync(new Outcome(
            id, OutcomeKind, clock.GetUtcNow(), Describe(redacted), language.Code, null, ticket.Customer.Plan, null,
            check.Cited.Count > 0 ? "draft" : "holding_reply", 0, reasons,
            retrieval.Chunks.Select(c => new RetrievedChunk(c.Chunk.ArticleId, c.Chunk.Id, Math.Round(c.Score, 6))).ToList(),
            suggestions.Select(a => a.ArticleId).ToList(),
            reply.Text, reply.Citations.Select(c => c.ChunkId).ToList(), reply.Composer, latencyMs)
        {
            Mode = mode,
            Prompts = new[] { reply.Prompt, summary.Prompt }.OfType<string>().ToList(),
            Usage = usage,
            DegradedReason = degraded.Length > 0 ? degraded : null,
            Triage = triaged is null ? null : TriageService.Summary(triaged),
        }, cancellationToken);
        LogDrafted(logger, id, language.Code, mode, reply.Composer, result.Degraded, latencyMs);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A draft was written without triage: triage is unavailable")]
    private static partial void LogTriageUnavailable(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {OutcomeId} written in {Language} (mode {Mode}, composer {Composer}, degraded {Degraded}) in {ElapsedMs} ms")]
    private static partial void LogDrafted(ILogger logger, Guid outcomeId, string language, string mode, string composer, bool degraded, double elapsedMs);

    // The redacted ticket as triage sees it (the first message and the latest, so a long thread is judged by where it
    // is now); the kinds of personal data are the draft's own, found before redaction. Messages in one thread are not
    // earlier contacts, so none are passed. Triage that is unavailable (no model yet) leaves the draft without triage, not failed.
    private async Task<TriageResult?> TriageAsync(Ticket redacted, CustomerInfo customer, IReadOnlyCollection<PiiKind> kinds, List<string> reasons, CancellationToken cancellationToken)
    {
        if (triage is null) return null;
        var body = redacted.Thread.Any(m => m.Role == MessageRole.Customer) ? redacted.Body + "\n" + redacted.LatestCustomerMessage : redacted.Body;
        try
        {
            var (result, _) = await triage.ClassifyAsync(new TriageRequest(redacted.Subject, body, null, customer.Plan, customer.Country, customer.Locale), cancellationToken);
            return result with { PiiKinds = kinds.Select(EnumNames.Of).ToList() };
        }
        catch (TriageUnavailableException error)
        {
            // The agent gets the fact, the log gets the reason: it may carry paths.
            LogTriageUnavailable(logger, error);
            reasons.Add("no triage: triage is unavailable");
            return null;
        }
    }

    /// <summary>
    /// Records what the agent did with draft <paramref name="id"/> under <see cref="FeedbackRules.Draft"/>; the
    /// final text of an edited draft and the comment are redacted first, with the customer's name: the one given,
    /// and the one the final text greets them with where the stored draft had its <c>[NAME]</c> placeholder.
    /// </summary>
    public async Task<FeedbackResult> RecordFeedbackAsync(
        Guid id, DraftFeedbackKind kind, string? finalText, string? comment, CancellationToken cancellationToken, string? customerName = null)
    {
        var wire = EnumNames.Of(kind);
        var draft = finalText is null ? null : await outcomes.GetAsync(id, cancellationToken);
        string?[] names = [customerName, draft?.Answer is { } answer ? GreetedName(answer, finalText!) : null];
        var feedback = new FeedbackEvent(id, wire, clock.GetUtcNow(), comment is null ? null : PiiRedactor.Redact(comment, names).Text)
        {
            FinalText = finalText is null ? null : PiiRedactor.Redact(finalText, names).Text,
        };
        return await outcomes.RecordFeedbackAsync(feedback, OutcomeKind, FeedbackRules.Draft, cancellationToken);
    }

    /// <summary>
    /// The name <paramref name="sent"/> puts where <paramref name="draft"/> has <see cref="NamePlaceholder"/>: the
    /// words after the same greeting, up to the character that follows the placeholder ("Hi [NAME]," and "Hi Priya
    /// Raman, …" give "Priya Raman"); null when the agent changed the greeting.
    /// </summary>
    public static string? GreetedName(string draft, string sent)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(sent);
        var slot = draft.IndexOf(NamePlaceholder, StringComparison.Ordinal);
        if (slot < 0) return null;
        var lineStart = draft.LastIndexOf('\n', Math.Max(0, slot - 1)) + 1;
        var greeting = draft[lineStart..slot];
        var end = slot + NamePlaceholder.Length;
        var stop = end < draft.Length ? draft[end] : '\n';
        var trimmed = sent.TrimStart();
        if (greeting.Length > 0 && !trimmed.StartsWith(greeting, StringComparison.OrdinalIgnoreCase)) return null;
        var rest = trimmed[greeting.Length..];
        var length = rest.IndexOfAny([stop, '\n']);
        var name = (length < 0 ? rest : rest[..length]).Trim();
        return name.Length is > 1 and <= 100 && name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: <= 5 } words && words.All(w => char.IsUpper(w[0]))
            ? name
            : null;
    }

    /// <summary>The placeholder LLM drafts greet the customer with; the service puts the name in (names never reach a provider).</summary>
    public const string NamePlaceholder = "[NAME]";

    // With no name the placeholder goes with the comma or space before it ("Hola, [NAME]:" gives "Hola:").
    /// <summary>A stored draft as it is shown: the <see cref="NamePlaceholder"/> replaced by <paramref name="name"/>, or gone with its separator when there is none.</summary>
    public static string Greet(string reply, string? name) => string.IsNullOrWhiteSpace(name)
        ? NameSlot().Replace(reply.Replace(NamePlaceholder + " 様", "お客様", StringComparison.Ordinal), "")
        : reply.Replace(NamePlaceholder, name.Trim(), StringComparison.Ordinal);

    [GeneratedRegex(@",?[ \t]*\[NAME\]")]
    private static partial Regex NameSlot();

    // PII goes through the redactor, which also finds the customer's name (known from the metadata) and its parts.
    private static (Ticket Ticket, IReadOnlyCollection<PiiKind> Kinds) Redact(Ticket ticket)
    {
        var kinds = new HashSet<PiiKind>();
        string Clean(string text)
        {
            var redaction = PiiRedactor.Redact(text, [ticket.Customer.Name]);
            kinds.UnionWith(redaction.Kinds);
            return redaction.Text;
        }
        var redacted = new Ticket(Clean(ticket.Subject), Clean(ticket.Body),
            ticket.Thread.Select(m => m with { Text = Clean(m.Text) }).ToList(),
            ticket.Customer with { Name = null });
        return (redacted, kinds.Order().ToList());
    }

    private static string Describe(Ticket ticket) =>
        "Subject: " + ticket.Subject + "\n" + string.Join("\n", ticket.Messages.Select(m => $"[{(m.Role == MessageRole.Customer ? "customer" : "agent")}] {m.Text}"));
}
