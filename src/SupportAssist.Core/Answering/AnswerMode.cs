namespace SupportAssist.Answering;

/// <summary>How an answer was made. Extractive answers are quoted sentences, never presented as generated text.</summary>
public enum AnswerMode
{
    /// <summary>Sentences and steps quoted from the passages by the extractive composer.</summary>
    Extractive,

    /// <summary>Text written by a language model from the passages.</summary>
    Generated,
}
