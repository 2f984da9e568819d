using System.Text;
using Microsoft.Extensions.Options;
using SupportAssist.Knowledge;
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
                SELECT rowid, bm25(chunks_fts, $wt, $wh, $wb, 0.0) AS score
                FROM chunks_fts
                WHERE chunks_fts MATCH $match
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
        command.Parameters.AddWithValue("$match", WithFilter(match, filter));
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

    /// <summary>The facet tokens of an article's chunks, for the <c>facets</c> column.</summary>
    internal static string Facets(Article article) =>
        string.Join(' ', Facet('a', EnumNames.Of(article.Audience)), Facet('l', RetrievalFilter.LanguageOf(article.Locale)),
            article.ProductArea is null ? string.Empty : Facet('p', article.ProductArea)).TrimEnd();

    /// <summary>
    /// One filter value as a single FTS5 token: 'f', the kind, the value's UTF-8 in hex, and a closing '9' so
    /// that no stemmer rule applies. Distinct values give distinct tokens and no word of any text looks like one.
    /// </summary>
    internal static string Facet(char kind, string value) => $"f{kind}{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value))}9";

    // The filter joins the word query as facet terms: public readers need the public token, and so on.
    private static string WithFilter(string match, RetrievalFilter filter)
    {
        // Words match the text columns only, so no query word can match (or score on) a facet token.
        var expression = new StringBuilder("{title headings body} : (").Append(match).Append(')');
        if (filter.Audience == Audience.Public) expression.Append(" AND facets : ").Append(Facet('a', "public"));
        if (filter.Language is { } language) expression.Append(" AND facets : ").Append(Facet('l', language));
        if (filter.ProductArea is { } area) expression.Append(" AND facets : ").Append(Facet('p', area));
        return expression.ToString();
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
