using System.Runtime.CompilerServices;

namespace SupportAssist.Answering;

/// <summary>Writes an answer from numbered passages, citing them. Implemented by the extractive composer and the LLM composers.</summary>
public interface IAnswerComposer
{
    /// <summary>Answers <paramref name="request"/> from its passages only.</summary>
    Task<ComposedAnswer> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Answers as a stream of pieces ending with the final answer. By default the whole answer is composed first
    /// and then cut into word-sized pieces; LLM composers stream as the model writes.
    /// </summary>
    async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answer = await ComposeAsync(request, cancellationToken);
        if (!answer.Abstained)
        {
            foreach (var piece in AnswerPieces.Of(answer.Text)) yield return AnswerUpdate.Text(piece);
        }
        yield return AnswerUpdate.Final(answer);
    }
}
