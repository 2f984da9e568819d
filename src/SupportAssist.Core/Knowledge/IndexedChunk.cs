namespace SupportAssist.Knowledge;

/// <summary>A chunk with its embedding, ready to store.</summary>
public sealed record IndexedChunk(Chunk Chunk, ReadOnlyMemory<float> Vector);
