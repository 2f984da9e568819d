using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace SupportAssist.Answering;

/// <summary>
/// Degrade, don't fail: answers with <paramref name="primary"/> (a language model) and, when its dependency fails
/// (<see cref="LanguageModelUnavailableException"/>, and only that), with <paramref name="fallback"/> (the extractive
/// composer), the answer marked with the <see cref="Degradation"/>. A stream that fails after showing text withdraws
/// it before the fallback's answer is streamed.
/// </summary>
public sealed partial class FallbackAnswerComposer(IAnswerComposer primary, IAnswerComposer fallback, ILogger<FallbackAnswerComposer> logger) : IAnswerComposer
{
    /// <inheritdoc />
    public async Task<ComposedAnswer> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await primary.ComposeAsync(request, cancellationToken);
        }
        catch (LanguageModelUnavailableException failure)
        {
            return await FallBackAsync(request, failure, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        LanguageModelUnavailableException? failure = null;
        var showing = false;
        await using (var updates = primary.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync()) break;
                }
                catch (LanguageModelUnavailableException error)
                {
                    failure = error;
                    break;
                }
                var update = updates.Current;
                if (update.Retract) showing = false;
                else if (update.Piece is not null) showing = true;
                yield return update;
            }
        }
        if (failure is null) yield break;
        if (showing) yield return AnswerUpdate.Withdraw();
        var answer = await FallBackAsync(request, failure, cancellationToken);
        if (!answer.Abstained)
        {
            foreach (var piece in AnswerPieces.Of(answer.Text)) yield return AnswerUpdate.Text(piece);
        }
        yield return AnswerUpdate.Final(answer);
    }

    private async Task<ComposedAnswer> FallBackAsync(AnswerRequest request, LanguageModelUnavailableException failure, CancellationToken cancellationToken)
    {
        LogFallingBack(logger, failure.Degradation.Dependency, failure.Degradation.Cause, (failure.InnerException ?? failure).GetType().Name);
        var answer = await fallback.ComposeAsync(request, cancellationToken);
        return answer with { Degradation = failure.Degradation };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} could not answer ({Cause}, {ErrorType}); the fallback composer answers instead")]
    private static partial void LogFallingBack(ILogger logger, string dependency, string cause, string errorType);
}
