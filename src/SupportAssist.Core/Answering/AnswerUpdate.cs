namespace SupportAssist.Answering;

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
