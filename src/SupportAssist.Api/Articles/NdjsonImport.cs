using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;

namespace SupportAssist.Api.Articles;

/// <summary>Reads an NDJSON body into articles, line by line, keeping each bad line's number and reasons.</summary>
internal static class NdjsonImport
{
    public const string ContentType = "application/x-ndjson";

    private static readonly JsonSerializerOptions Json = new JsonOptions().SerializerOptions;

    public static bool IsAcceptedContentType(string? contentType) =>
        contentType is not null && (contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/json-seq", StringComparison.OrdinalIgnoreCase));

    /// <summary>One non-blank line: the article when valid, otherwise the errors by field.</summary>
    public sealed record ParsedLine(int Line, string? ArticleId, Article? Article, Dictionary<string, string[]> Errors);

    public static async Task<List<ParsedLine>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var lines = new List<ParsedLine>();
        // Strict UTF-8, as the JSON endpoints read: a body with invalid bytes is refused, not imported with U+FFFD in it.
        // UTF-8 only: a byte-order mark must not switch the reader to UTF-16 or UTF-32 (a UTF-8 one is skipped).
        using var reader = new StreamReader(body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        var number = 0;
        while (await ReadLineAsync(reader, number + 1, cancellationToken) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            lines.Add(Parse(number, text));
        }
        return lines;
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, int number, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new InvalidEncodingException(number);
        }
    }

    /// <summary>The body has bytes that are not UTF-8, at or near line <paramref name="line"/>.</summary>
    public sealed class InvalidEncodingException(int line) : Exception($"is not valid UTF-8 (at or near line {line}); nothing was imported")
    {
        public int Line { get; } = line;
    }

    private static ParsedLine Parse(int number, string text)
    {
        ArticleRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ArticleRequest>(text, Json);
        }
        catch (JsonException ex)
        {
            return new ParsedLine(number, null, null, new() { ["line"] = [$"is not a valid JSON object (at {ex.Path ?? "$"}, byte {ex.BytePositionInLine + 1})"] });
        }
        if (request is null) return new ParsedLine(number, null, null, new() { ["line"] = ["is not a JSON object"] });
        var (article, errors) = ArticleRequestRules.Check(request);
        return new ParsedLine(number, request.Id, article, errors.ToDictionary());
    }
}
