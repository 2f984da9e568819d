namespace SupportAssist.Answering;

/// <summary>What a composer answers: the question and the numbered passages it may use, nothing else.</summary>
/// <param name="Language">The language to answer in, as an English name such as <c>English</c> or <c>Spanish</c>.</param>
public sealed record AnswerRequest(string Question, IReadOnlyList<Passage> Passages, string Language = "English")
{
    /// <summary>The passages' units already scored by meaning (<see cref="UnitSimilarity"/>); empty when none were scored.</summary>
    public IReadOnlyList<AnswerUnit> Units { get; init; } = [];
}
