namespace SupportAssist.Embeddings.Arctic;

/// <summary>What a text is to the encoder: retrieval models embed questions and the passages that answer them differently.</summary>
public enum EmbeddingInput
{
    /// <summary>A passage to be found (an article chunk, a sentence to quote): embedded as written.</summary>
    Passage,

    /// <summary>A search query (a question, a ticket): embedded after the model's query instruction.</summary>
    Query,
}
