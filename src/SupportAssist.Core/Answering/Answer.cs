using SupportAssist.Knowledge;

namespace SupportAssist.Answering;

/// <summary>A retrieved chunk given to a composer, numbered from 1 in the order it is offered; answers cite it as <c>[Number]</c>.</summary>
public sealed record Passage(int Number, Chunk Chunk);

/// <summary>What a composer answers: the question and the numbered passages it may use, nothing else.</summary>
public sealed record AnswerRequest(string Question, IReadOnlyList<Passage> Passages);

/// <summary>How an answer was made. Extractive answers are quoted sentences, never presented as generated text.</summary>
public enum AnswerMode
{
    /// <summary>Sentences and steps quoted from the passages by the extractive composer.</summary>
    Extractive,

    /// <summary>Text written by a language model from the passages.</summary>
    Generated,
}

/// <summary>One cited passage: where it comes from and the words the answer relies on.</summary>
public sealed record Citation(int Number, string ChunkId, string ArticleId, string Title, string? Url, string Quote);

/// <summary>
/// A composer's answer. <paramref name="AbstainReason"/> is set, and <paramref name="Text"/> empty, when the
/// composer found nothing in the passages that answers the question.
/// </summary>
public sealed record ComposedAnswer(string Text, AnswerMode Mode, IReadOnlyList<Citation> Citations, string? AbstainReason)
{
    /// <summary>True when the composer declined to answer.</summary>
    public bool Abstained => AbstainReason is not null;
}

/// <summary>Writes an answer from numbered passages, citing them. Implemented by the extractive composer and the LLM composers.</summary>
public interface IAnswerComposer
{
    /// <summary>Answers <paramref name="request"/> from its passages only.</summary>
    Task<ComposedAnswer> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken);
}
