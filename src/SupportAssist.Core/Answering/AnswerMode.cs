using System.Text.Json.Serialization;

namespace SupportAssist.Answering;

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
