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
    bool? Published);

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
