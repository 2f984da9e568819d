using System.Text;
using Microsoft.Extensions.Options;
using SupportAssist.Retrieval;
using SupportAssist.Text;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// BM25 through SQLite FTS5 with per-field weights (title, headings, body). The audience, language and
/// product-area filter is part of the SQL query, not applied to its results.
/// </summary>
public sealed class SqliteKeywordIndex(SqliteDatabase database, IOptions<RetrievalOptions> options) : IKeywordIndex
{
    private const int MaxTerms = 64;
    private readonly RetrievalOptions _options = options.Value;

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, RetrievalFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var match = ToMatchExpression(query);
        if (match is null || limit <= 0) return [];

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqliteKnowledgeStore.ChunkColumns}, top.score
            FROM (
                SELECT rowid, bm25(chunks_fts, $wt, $wh, $wb) AS score
                FROM chunks_fts
                WHERE chunks_fts MATCH $match
                  AND ($agent = 1 OR audience = 'public')
                  AND ($language IS NULL OR language = $language)
                  AND ($area IS NULL OR product_area = $area)
                ORDER BY score, rowid
                LIMIT $limit
            ) AS top
            JOIN chunks c ON c.seq = top.rowid
            JOIN articles a ON a.id = c.article_id
            ORDER BY top.score, c.seq
            """;
        command.Parameters.AddWithValue("$wt", _options.TitleWeight);
        command.Parameters.AddWithValue("$wh", _options.HeadingWeight);
        command.Parameters.AddWithValue("$wb", _options.BodyWeight);
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$agent", filter.Audience == Knowledge.Audience.Agent ? 1 : 0);
        command.Parameters.AddWithValue("$language", (object?)filter.Language ?? DBNull.Value);
        command.Parameters.AddWithValue("$area", (object?)filter.ProductArea ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);

        var hits = new List<ScoredChunk>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // FTS5's bm25() is negated so that ORDER BY ascending puts the best first; report it positive.
            hits.Add(new ScoredChunk(SqliteKnowledgeStore.ReadChunk(reader), -reader.GetDouble(SqliteKnowledgeStore.ChunkColumnCount)));
        }
        return hits;
    }

    /// <summary>
    /// An FTS5 expression matching any of the query's content words, each quoted so that no user input is
    /// read as FTS5 syntax; null when the query has no searchable word.
    /// </summary>
    internal static string? ToMatchExpression(string query)
    {
        var words = TextTokens.ContentWords(query);
        if (words.Count == 0) words = TextTokens.Words(query).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0) return null;
        var match = new StringBuilder();
        foreach (var word in words.Take(MaxTerms))
        {
            if (match.Length > 0) match.Append(" OR ");
            match.Append('"').Append(word).Append('"');
        }
        return match.ToString();
    }
}
