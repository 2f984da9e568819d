namespace SupportAssist.Evaluation;

/// <summary>One query's retrieval quality at the standard cut-offs.</summary>
public sealed record QueryRetrievalMetrics(double Recall1, double Recall3, double Recall5, double Recall10, double Mrr10, double Ndcg10);
