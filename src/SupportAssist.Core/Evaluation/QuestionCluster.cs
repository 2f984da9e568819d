namespace SupportAssist.Evaluation;

/// <summary>A group of similar questions nobody's help center answered: a content gap.</summary>
public sealed record QuestionCluster(string Representative, int Count, IReadOnlyList<Guid> Outcomes);
