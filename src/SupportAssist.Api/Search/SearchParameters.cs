using SupportAssist.Retrieval;

namespace SupportAssist.Api.Search;

/// <summary>A search's parsed query string: who asks, how many articles, which retrievers.</summary>
public sealed record SearchParameters(Audience Audience, int Limit, RetrievalMode Mode);
