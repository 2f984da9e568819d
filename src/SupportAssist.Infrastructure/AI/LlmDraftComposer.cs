using System.Globalization;
using Microsoft.SemanticKernel;
using SupportAssist.Answering;
using SupportAssist.Drafting;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// Agent drafts and thread summaries written by the configured language model from the <c>draft-reply</c> and
/// <c>thread-summary</c> prompts: the prompts' arguments, the call, and the reply read back with its citations. A
/// model that fails raises <see cref="LanguageModelUnavailableException"/> (from <see cref="LanguageModel"/>); the
/// grounding rule and the fall-back to the extractive draft are <see cref="FallbackDraftComposer"/>'s.
/// </summary>
public sealed class LlmDraftComposer(LanguageModel model, PromptDefinition draftPrompt, PromptDefinition summaryPrompt, LlmOptions options) : IDraftComposer
{
    public async Task<ComposedAnswer> DraftReplyAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = new KernelArguments
        {
            ["company"] = options.Company,
            ["language"] = request.Language.Name,
            ["tone"] = request.Tone,
            ["max_words"] = request.MaxWords.ToString(CultureInfo.InvariantCulture),
        };
        var data = PromptData.Ticket(request.Ticket) + "\n\n" + PromptData.Passages(request.Passages, showAudience: true);
        var reply = await model.CompleteAsync(draftPrompt, arguments, data, cancellationToken);
        var text = reply.Text.Trim();
        return new ComposedAnswer(text, AnswerMode.Generated, CitationQuotes.Of(text, request.Passages), null)
        {
            Composer = model.ComposerOf(reply.Model),
            Prompt = $"{draftPrompt.Name}@{draftPrompt.Version}",
            Usage = reply.Usage,
        };
    }

    public async Task<ComposedAnswer> SummarizeAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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
}
