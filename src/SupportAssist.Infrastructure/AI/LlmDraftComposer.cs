using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using SupportAssist.Answering;
using SupportAssist.Drafting;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// Agent drafts and thread summaries written by the configured language model from the <c>draft-reply</c> and
/// <c>thread-summary</c> prompts. A draft citing a passage it was not given or an internal passage (the reply
/// goes to the customer), and any failure of the model, gives the extractive draft or summary instead, marked
/// degraded with the reason.
/// </summary>
public sealed partial class LlmDraftComposer(
    LanguageModel model, PromptDefinition draftPrompt, PromptDefinition summaryPrompt, ExtractiveDraftComposer fallback, LlmOptions options,
    ILogger<LlmDraftComposer> logger) : IDraftComposer
{
    public async Task<ComposedAnswer> DraftReplyAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ModelReply reply;
        try
        {
            var arguments = new KernelArguments
            {
                ["company"] = options.Company,
                ["language"] = request.Language.Name,
                ["tone"] = request.Tone,
                ["max_words"] = request.MaxWords.ToString(CultureInfo.InvariantCulture),
            };
            var data = PromptData.Ticket(request.Ticket) + "\n\n" + PromptData.Passages(request.Passages, showAudience: true);
            reply = await model.CompleteAsync(draftPrompt, arguments, data, cancellationToken);
        }
        catch (LanguageModelUnavailableException error)
        {
            return await FallBackAsync(() => fallback.DraftReplyAsync(request, cancellationToken), error.Reason, error.InnerException?.GetType().Name ?? nameof(LanguageModelUnavailableException));
        }

        var text = reply.Text.Trim();
        var prompt = $"{draftPrompt.Name}@{draftPrompt.Version}";
        var check = CitationCheck.Of(text, request.Passages.Select(p => p.Number).ToList());
        // The reply goes to the customer: citing an internal passage means it relies on (and may reveal) it.
        var internalCited = check.Cited.Where(n => request.Passages.First(p => p.Number == n).Chunk.Audience == ArticleAudience.Internal).ToList();
        var problem = check.Unknown.Count > 0 ? $"the draft cited passages it was not given ({string.Join(", ", check.Unknown)})"
            : internalCited.Count > 0 ? $"the draft cited internal articles in the customer's reply ({string.Join(", ", internalCited)})"
            : null;
        if (problem is not null)
        {
            var replaced = await FallBackAsync(() => fallback.DraftReplyAsync(request, cancellationToken), problem, "InvalidCitation");
            return replaced with { Usage = reply.Usage, Prompt = prompt };
        }
        // The agent sees the best internal passage beside the reply, as with extractive drafts; the reply never cites it.
        var citations = CitationQuotes.Of(text, request.Passages).ToList();
        if (request.Passages.FirstOrDefault(p => p.Chunk.Audience == ArticleAudience.Internal) is { } guidance)
            citations.Add(CitationQuotes.Of($"{request.Ticket.LatestCustomerMessage} [{guidance.Number}]", [guidance])[0]);
        return new ComposedAnswer(text, AnswerMode.Generated, citations, null)
        {
            Composer = model.ComposerOf(reply.Model),
            Prompt = prompt,
            Usage = reply.Usage,
        };
    }

    public async Task<ComposedAnswer> SummarizeAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var arguments = new KernelArguments
            {
                ["company"] = options.Company,
                ["language"] = request.SummaryLanguage,
                ["max_sentences"] = request.SummarySentences.ToString(CultureInfo.InvariantCulture),
            };
            var reply = await model.CompleteAsync(summaryPrompt, arguments, PromptData.Ticket(request.Ticket), cancellationToken);
            return new ComposedAnswer(reply.Text.Trim(), AnswerMode.Generated, [], null)
            {
                Composer = model.ComposerOf(reply.Model),
                Prompt = $"{summaryPrompt.Name}@{summaryPrompt.Version}",
                Usage = reply.Usage,
            };
        }
        catch (LanguageModelUnavailableException error)
        {
            return await FallBackAsync(() => fallback.SummarizeAsync(request, cancellationToken), error.Reason, error.InnerException?.GetType().Name ?? nameof(LanguageModelUnavailableException));
        }
    }

    private async Task<ComposedAnswer> FallBackAsync(Func<Task<ComposedAnswer>> extractive, string reason, string errorType)
    {
        LogDegraded(logger, model.Name, reason, errorType);
        var answer = await extractive();
        return answer with { Degradation = new Degradation(model.Name, reason) };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model {Model} could not draft ({Reason}, {ErrorType}); the extractive draft is used instead")]
    private static partial void LogDegraded(ILogger logger, string model, string reason, string errorType);
}
