using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using SupportAssist.Knowledge;

namespace SupportAssist.Answering;

/// <summary>A retrieved chunk given to a composer, numbered from 1 in the order it is offered; answers cite it as <c>[Number]</c>.</summary>
public sealed record Passage(int Number, Chunk Chunk);

/// <summary>What a composer answers: the question and the numbered passages it may use, nothing else.</summary>
/// <param name="Language">The language to answer in, as an English name such as <c>English</c> or <c>Spanish</c>.</param>
public sealed record AnswerRequest(string Question, IReadOnlyList<Passage> Passages, string Language = "English")
{
    /// <summary>The passages' units already scored by meaning (<see cref="UnitSimilarity"/>); empty when none were scored.</summary>
    public IReadOnlyList<AnswerUnit> Units { get; init; } = [];
}

/// <summary>How an answer was made. Extractive answers are quoted sentences, never presented as generated text.</summary>
// Named explicitly: outcomes store these names, so renaming a member must not change them.
public enum AnswerMode
{
    /// <summary>Sentences and steps quoted from the passages by the extractive composer.</summary>
    [JsonStringEnumMemberName("extractive")]
    Extractive,

    /// <summary>Text written by a language model from the passages.</summary>
    [JsonStringEnumMemberName("generated")]
    Generated,
}

/// <summary>One cited passage: where it comes from and the words the answer relies on.</summary>
public sealed record Citation(int Number, string ChunkId, string ArticleId, string Title, string? Url, string Quote)
{
    /// <summary>Who the cited article is written for; internal citations are for agents' eyes only.</summary>
    public ArticleAudience Audience { get; init; } = ArticleAudience.Public;

    /// <summary>The citation of <paramref name="passage"/> quoting <paramref name="quote"/>.</summary>
    public static Citation Of(Passage passage, string quote)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var chunk = passage.Chunk;
        return new Citation(passage.Number, chunk.Id, chunk.ArticleId, chunk.Title, chunk.Url, quote) { Audience = chunk.Audience };
    }
}

/// <summary>Tokens a language model read and wrote for one answer, and what they are estimated to cost.</summary>
/// <param name="EstimatedCost">In the currency of the configured prices; null when no prices are configured.</param>
public sealed record TokenUsage(int InputTokens, int OutputTokens, decimal? EstimatedCost)
{
    /// <summary>The sum of two usages (either may be null); the cost is known only when both costs are.</summary>
    public static TokenUsage? Add(TokenUsage? a, TokenUsage? b) =>
        a is null ? b : b is null ? a : new TokenUsage(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens,
            a.EstimatedCost is { } x && b.EstimatedCost is { } y ? x + y : null);
}

/// <summary>
/// A composer's answer. <paramref name="AbstainReason"/> is set, and <paramref name="Text"/> empty, when the
/// composer found nothing in the passages that answers the question.
/// </summary>
public sealed record ComposedAnswer(string Text, AnswerMode Mode, IReadOnlyList<Citation> Citations, string? AbstainReason)
{
    /// <summary>The extractive composer's name and version, recorded with the outcomes of its answers.</summary>
    public const string ExtractiveComposer = "extractive/1";

    /// <summary>True when the composer declined to answer.</summary>
    public bool Abstained => AbstainReason is not null;

    /// <summary>Who wrote the answer: <c>extractive/1</c>, or the LLM provider and model such as <c>openai:gpt-4o-mini</c>.</summary>
    public string Composer { get; init; } = ExtractiveComposer;

    /// <summary>The prompt and its version (<c>deflection-answer@1</c>) when a language model wrote the answer.</summary>
    public string? Prompt { get; init; }

    /// <summary>The language model's token usage, when one was called (also when it failed after answering).</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Why the configured LLM could not answer and the extractive composer did instead; null when nothing degraded.</summary>
    public string? DegradedReason { get; init; }

    /// <summary>True when this answer is the extractive fallback for an LLM that failed.</summary>
    public bool Degraded => DegradedReason is not null;
}

/// <summary>
/// One step of a streamed answer: a <see cref="Piece"/> of text to show now, a <see cref="Retract"/> of everything
/// shown so far (the composer changed course, for example when the LLM failed mid-answer), or the final
/// <see cref="Answer"/>, which is always the last update and the one that counts.
/// </summary>
public readonly record struct AnswerUpdate(string? Piece, bool Retract, ComposedAnswer? Answer)
{
    /// <summary>Text to append to what is shown.</summary>
    public static AnswerUpdate Text(string piece) => new(piece, false, null);

    /// <summary>Clear what was shown.</summary>
    public static AnswerUpdate Withdraw() => new(null, true, null);

    /// <summary>The complete answer.</summary>
    public static AnswerUpdate Final(ComposedAnswer answer) => new(null, false, answer);
}

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

/// <summary>Cuts text into word-sized pieces that concatenate back to it exactly (whitespace travels with the word before it).</summary>
public static class AnswerPieces
{
    /// <summary>The pieces of <paramref name="text"/>.</summary>
    public static IEnumerable<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i])))
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
