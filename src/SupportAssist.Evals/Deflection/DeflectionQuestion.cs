using SupportAssist.Evaluation;

namespace SupportAssist.Evals.Deflection;

/// <summary>An eval question: what it needs, in which language, and whether it belongs to the held-out test split.</summary>
internal sealed record DeflectionQuestion(string Question, string? Locale, ExpectedOutcome Expected, IReadOnlySet<string> Articles, bool Test)
{
    /// <summary>The question's language: its locale's, else the one its words show.</summary>
    public string Language => Locale is { } locale ? SupportAssist.Retrieval.RetrievalFilter.LanguageOf(locale) : SupportAssist.Text.LanguageGuess.Of(Question).Code;
}
