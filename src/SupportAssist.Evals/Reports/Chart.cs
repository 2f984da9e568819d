namespace SupportAssist.Evals.Reports;

/// <summary>A chart of the HTML report.</summary>
public abstract record Chart(string Title);
