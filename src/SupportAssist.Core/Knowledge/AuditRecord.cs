namespace SupportAssist.Knowledge;

/// <summary>
/// One change to the knowledge base: who (the API key's name, <c>open</c> when no keys are configured,
/// <c>startup</c> for start-up indexing), when, what (<c>article.put</c>, <c>article.delete</c>,
/// <c>article.import</c>, <c>index.rebuild</c>), on what (an article id, or <c>*</c>) and how it ended.
/// </summary>
public sealed record AuditRecord(long Sequence, DateTimeOffset At, string Actor, string Action, string Target, string Outcome);
