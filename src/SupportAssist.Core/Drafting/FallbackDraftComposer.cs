using Microsoft.Extensions.Logging;
using SupportAssist.Answering;
using SupportAssist.Policy;

namespace SupportAssist.Drafting;

/// <summary>
/// Degrade, don't fail: drafts and summaries from <paramref name="primary"/> (a language model) and, when its model is
/// unavailable (<see cref="LanguageModelUnavailableException"/>, and only that) or its draft breaks
/// <see cref="DraftGrounding"/>, from <paramref name="fallback"/> (the extractive composer), marked with the
/// <see cref="Degradation"/>. A generated draft that holds gets, beside its citations, the best internal passage for
/// the agent, as an extractive draft does.
/// </summary>
public sealed partial class FallbackDraftComposer(IDraftComposer primary, IDraftComposer fallback, ILogger<FallbackDraftComposer> logger) : IDraftComposer
{
    /// <inheritdoc />
    public async Task<ComposedAnswer> DraftReplyAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ComposedAnswer draft;
        try
        {
            draft = await primary.DraftReplyAsync(request, cancellationToken);
        }
        catch (LanguageModelUnavailableException failure)
        {
            return await FallBackAsync(() => fallback.DraftReplyAsync(request, cancellationToken), failure.Degradation, failure.InnerException ?? failure);
        }
        if (DraftGrounding.Problem(draft.Text, request.Passages) is { } problem)
        {
            var replaced = await FallBackAsync(() => fallback.DraftReplyAsync(request, cancellationToken), new Degradation(draft.Composer, problem), null);
            // The model was called: its tokens and prompt are still this draft's cost.
            return replaced with { Usage = draft.Usage, Prompt = draft.Prompt };
        }
        if (request.Passages.FirstOrDefault(p => p.Chunk.Audience == Knowledge.ArticleAudience.Internal) is not { } guidance) return draft;
        var note = CitationQuotes.Of($"{request.Ticket.LatestCustomerMessage} [{guidance.Number}]", [guidance])[0];
        return draft with { Citations = [.. draft.Citations, note] };
    }

    /// <inheritdoc />
    public async Task<ComposedAnswer> SummarizeAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await primary.SummarizeAsync(request, cancellationToken);
        }
        catch (LanguageModelUnavailableException failure)
        {
            return await FallBackAsync(() => fallback.SummarizeAsync(request, cancellationToken), failure.Degradation, failure.InnerException ?? failure);
        }
    }

    private async Task<ComposedAnswer> FallBackAsync(Func<Task<ComposedAnswer>> extractive, Degradation degradation, Exception? error)
    {
        LogFallingBack(logger, degradation.Dependency, degradation.Cause, error?.GetType().Name ?? "InvalidCitation");
        var answer = await extractive();
        return answer with { Degradation = degradation };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} could not draft ({Cause}, {ErrorType}); the extractive draft is used instead")]
    private static partial void LogFallingBack(ILogger logger, string dependency, string cause, string errorType);
}
