namespace SupportAssist.Policy;

/// <summary>Which rule of <see cref="DeflectionPolicy"/> a reason comes from.</summary>
public enum DecisionRule
{
    /// <summary>A handoff rule matched: the question needs a person.</summary>
    Handoff,

    /// <summary>No public article matches the question.</summary>
    NoArticle,

    /// <summary>The query could not be embedded, so the answerability model has nothing to weigh.</summary>
    NoQueryEmbedding,

    /// <summary>The answer's probability is below the suggestion threshold.</summary>
    BelowSuggestThreshold,

    /// <summary>The answer's probability is below the answer threshold.</summary>
    BelowAnswerThreshold,

    /// <summary>The answer's probability is at or above the answer threshold.</summary>
    AnswerThresholdMet,

    /// <summary>The language model failed and the answer is extractive.</summary>
    ComposerDegraded,

    /// <summary>The composer found no answer in the passages.</summary>
    Abstained,

    /// <summary>The answer cites a passage it was not given.</summary>
    InventedCitation,

    /// <summary>The answer cites no passage.</summary>
    NoCitation,

    /// <summary>Every citation of the answer is one of the passages given.</summary>
    Grounded,
}
