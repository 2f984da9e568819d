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
