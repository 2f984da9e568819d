using System.Globalization;
using SupportAssist.Knowledge;

namespace SupportAssist.Api.Articles;

/// <summary>An article as sent to <c>PUT /v1/articles/{id}</c>, or one NDJSON line of an import (with <see cref="Id"/>).</summary>
internal sealed record ArticleRequest(
    string? Id,
    string? Title,
    string? Url,
    string? Locale,
    System.Text.Json.JsonElement Audience,
    string? ProductArea,
    IReadOnlyList<string>? Tags,
    string? Updated,
    string? Body,
    bool? Published)
{
    /// <summary>The article, or the field errors that prevent it.</summary>
    // A JSON string's text, or null for any other kind and for a string that is not valid UTF-16 (a lone surrogate).
    private static string? StringOf(System.Text.Json.JsonElement element)
    {
        if (element.ValueKind != System.Text.Json.JsonValueKind.String) return null;
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public (Article? Article, Dictionary<string, string[]> Errors) ToArticle(string id)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // Left out means public; an explicit null is refused, so a client that meant "internal" never publishes by accident.
        var audience = ArticleAudience.Public;
        if (Audience.ValueKind == System.Text.Json.JsonValueKind.Null)
            errors["audience"] = ["must be 'public' or 'internal', not null (leave it out for a public article)"];
        else if (Audience.ValueKind != System.Text.Json.JsonValueKind.Undefined
            && (StringOf(Audience) is not { } name || !AudienceRules.TryParseArticleAudience(name, out audience)))
            errors["audience"] = ["must be 'public' or 'internal'"];
        DateOnly? updated = null;
        if (Updated is not null)
        {
            if (DateOnly.TryParseExact(Updated, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) updated = date;
            else errors["updated"] = ["must be a date written YYYY-MM-DD"];
        }
        var article = new Article(id, Title?.Trim() ?? string.Empty, Url, Locale ?? "en", audience, ProductArea,
            Tags ?? [], updated, Body ?? string.Empty, Published ?? true);
        foreach (var (field, messages) in ArticleRules.Validate(article)) errors[field] = messages;
        return errors.Count == 0 ? (article, errors) : (null, errors);
    }
}

/// <summary>What a write did to one article.</summary>
/// <param name="Status"><c>created</c>, <c>updated</c>, <c>unchanged</c> (no work done) or <c>unpublished</c> (removed from search).</param>
/// <param name="Embedded">Chunks that needed a new embedding; the rest reused stored vectors.</param>
internal sealed record ArticleWriteResponse(string ArticleId, IngestStatus Status, int Chunks, int Embedded);

/// <summary>An article as stored.</summary>
internal sealed record ArticleResponse(
    string Id,
    string Title,
    string? Url,
    string Locale,
    ArticleAudience Audience,
    string? ProductArea,
    IReadOnlyList<string> Tags,
    string? Updated,
    string Body,
    string ContentHash,
    int Chunks,
    DateTimeOffset IndexedAt);

/// <summary>The result of an NDJSON import: counts by outcome, and every rejected line with its number and reasons.</summary>
internal sealed record ImportResponse(int Lines, int Created, int Updated, int Unchanged, int Unpublished, IReadOnlyList<RejectedLine> Rejected);

/// <summary>A line that was not imported.</summary>
internal sealed record RejectedLine(int Line, string? ArticleId, IReadOnlyDictionary<string, string[]> Errors);
