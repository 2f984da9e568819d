using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>One indexed row: the chunk, its vector, and its insertion order (the chunk's <c>seq</c> in the file).</summary>
internal readonly record struct VectorRow(Chunk Chunk, ReadOnlyMemory<float> Vector, long Order);
