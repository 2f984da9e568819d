namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>What the collection behind the alias holds.</summary>
/// <param name="Identity">The embedder that built it (with the term weighting when that is not this version's): compared with the configured embedder.</param>
/// <param name="HasChunks">Whether any chunk is stored: an emptied index may be refilled by any embedder.</param>
/// <param name="Points">Qdrant's approximate point count, chunks and article records.</param>
public sealed record IndexDescription(string Identity, bool HasChunks, long? Points);
