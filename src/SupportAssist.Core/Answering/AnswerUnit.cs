using SupportAssist.Retrieval;

namespace SupportAssist.Answering;

/// <summary>
/// A quotable piece of a passage: a sentence, a list item, a table row, or a whole numbered procedure (kept in
/// its order). <see cref="Similarity"/> is the cosine between the question and the unit in the embedder's space
/// (0 when no embedding was available); <see cref="Stems"/> its content-word stems, for the lexical signals.
/// </summary>
public sealed record AnswerUnit(Passage Passage, int Order, string Text, bool IsSteps)
{
    /// <summary>Content-word stems of the text.</summary>
    public HashSet<string> Stems { get; } = SnippetBuilder.QueryStems(Text);

    /// <summary>Cosine similarity to the question (passage embedding against the query embedding).</summary>
    public double Similarity { get; init; }
}
