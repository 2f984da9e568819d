namespace SupportAssist.Retrieval;

/// <summary>A keyword index on the replica's own disk, answering when the main index cannot be reached.</summary>
public sealed record LocalKeywordFallback(IKeywordIndex Index);
