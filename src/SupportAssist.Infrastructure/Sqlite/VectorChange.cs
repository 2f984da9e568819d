namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>An article's new rows (none when it was deleted), replacing all its current ones.</summary>
internal sealed record VectorChange(string ArticleId, IReadOnlyList<VectorRow> Rows);
