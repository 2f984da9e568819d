using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// Qdrant's REST API, typed for what this store uses. The HttpClient it is given carries the base address, the
/// API key and the one resilience pipeline; every failure surfaces as a <see cref="QdrantException"/> with the
/// status and Qdrant's own message, so callers answer 503 (or degrade) rather than 500.
/// </summary>
public sealed class QdrantClient(HttpClient http)
{
    private static readonly QdrantJsonContext Json = QdrantJsonContext.Default;

    /// <summary>Succeeds when the server answers its readiness probe; throws <see cref="QdrantException"/> otherwise.</summary>
    public async Task ReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "readyz", null, cancellationToken);
    }

    /// <summary>The collection's (or alias's) info, or null when there is no such collection.</summary>
    public async Task<CollectionInfo?> GetCollectionAsync(string collection, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, $"collections/{Escape(collection)}", null, Json.QdrantReplyCollectionInfo, cancellationToken, notFoundIsNull: true);

    /// <summary>Every collection's name.</summary>
    public async Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, "collections", null, Json.QdrantReplyCollectionList, cancellationToken))?.Collections.Select(c => c.Name).ToList() ?? [];

    public Task CreateCollectionAsync(string collection, CreateCollectionRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"collections/{Escape(collection)}", Content(request, Json.CreateCollectionRequest), Json.QdrantReplyBoolean, cancellationToken);

    public Task DeleteCollectionAsync(string collection, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"collections/{Escape(collection)}", null, Json.QdrantReplyBoolean, cancellationToken, notFoundIsNull: true);

    /// <summary>Every alias with its collection.</summary>
    public async Task<IReadOnlyList<AliasDescription>> ListAliasesAsync(CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, "aliases", null, Json.QdrantReplyAliasList, cancellationToken))?.Aliases ?? [];

    /// <summary>Applies the alias actions atomically: no search sees a state between them.</summary>
    public Task UpdateAliasesAsync(IReadOnlyList<AliasAction> actions, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "collections/aliases", Content(new AliasActions(actions), Json.AliasActions), Json.QdrantReplyBoolean, cancellationToken);

    public Task CreatePayloadIndexAsync(string collection, string field, string schema, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"collections/{Escape(collection)}/index?wait=true", Content(new PayloadIndexRequest(field, schema), Json.PayloadIndexRequest), Json.QdrantReplyUpdateResult, cancellationToken);

    /// <summary>Inserts or replaces points, returning once they are searchable.</summary>
    public Task UpsertAsync(string collection, IReadOnlyList<PointStruct> points, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"collections/{Escape(collection)}/points?wait=true", Content(new UpsertRequest(points), Json.UpsertRequest), Json.QdrantReplyUpdateResult, cancellationToken);

    /// <summary>Deletes the points matching <paramref name="filter"/>, returning once they are gone from search.</summary>
    public Task DeleteAsync(string collection, Filter filter, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/delete?wait=true", Content(new DeletePointsRequest(filter), Json.DeletePointsRequest), Json.QdrantReplyUpdateResult, cancellationToken);

    // Searches, scrolls and counts on a missing collection find nothing: nothing has been indexed yet.
    public async Task<ScrollResult> ScrollAsync(string collection, ScrollRequest request, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/scroll", Content(request, Json.ScrollRequest), Json.QdrantReplyScrollResult, cancellationToken, notFoundIsNull: true)
        ?? new ScrollResult([], null);

    /// <summary>The exact number of points matching <paramref name="filter"/>; with <paramref name="allReplicas"/>, as every replica has it.</summary>
    public async Task<long> CountAsync(string collection, Filter? filter, CancellationToken cancellationToken, bool allReplicas = false) =>
        (await SendAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/count{(allReplicas ? "?consistency=all" : "")}", Content(new CountRequest(filter, Exact: true), Json.CountRequest), Json.QdrantReplyCountResult, cancellationToken, notFoundIsNull: true))?.Count ?? 0;

    public async Task<IReadOnlyList<ScoredPoint>> QueryAsync(string collection, QueryRequest request, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/query", Content(request, Json.QueryRequest), Json.QdrantReplyQueryResult, cancellationToken, notFoundIsNull: true))?.Points ?? [];

    private static string Escape(string name) => Uri.EscapeDataString(name);

    private static JsonContent Content<T>(T body, JsonTypeInfo<T> type) => JsonContent.Create(body, type);

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<QdrantReply<T>> type, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        using var response = await SendAsync(method, path, content, cancellationToken, notFoundIsNull);
        if (response.StatusCode == HttpStatusCode.NotFound) return default;
        try
        {
            var reply = await response.Content.ReadFromJsonAsync(type, cancellationToken);
            return reply is null ? default : reply.Result;
        }
        catch (JsonException ex)
        {
            throw new QdrantException($"{method} /{Path(path)}: Qdrant's reply could not be read ({ex.Message})", (int)response.StatusCode, ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new QdrantException($"{method} /{Path(path)}: Qdrant could not be reached ({Describe(ex)})", null, ex);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var (message, fromQdrant) = await ErrorMessageAsync(response, cancellationToken);
            // Only Qdrant's own "not found" means no such collection; a proxy's or a wrong base path's 404 is a fault.
            if (notFoundIsNull && fromQdrant && response.StatusCode == HttpStatusCode.NotFound) return new HttpResponseMessage(HttpStatusCode.NotFound);
            throw new QdrantException($"{method} /{Path(path)}: Qdrant answered {(int)response.StatusCode}: {message}", (int)response.StatusCode);
        }
    }

    private static string Path(string path) => path.Split('?')[0];

    private static string Describe(Exception ex) => ex switch
    {
        BrokenCircuitException => "circuit open after repeated failures",
        TimeoutRejectedException or TaskCanceledException => "timed out",
        HttpRequestException { HttpRequestError: var error } => error.ToString(),
        _ => ex.GetType().Name,
    };

    // Qdrant's error body is {"status": {"error": "..."}, "time": ...}; anything else is shown as it came, shortened.
    private static async Task<(string Message, bool FromQdrant)> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                return (error.GetString()!, true);
        }
        catch (JsonException)
        {
            // Not Qdrant's error shape (a proxy's page, say): the raw text below says what it is.
        }
        return (text.Length > 300 ? text[..300] + "…" : text.Length == 0 ? response.ReasonPhrase ?? "no message" : text, false);
    }
}

/// <summary>A Qdrant request failed: the server could not be reached (<see cref="Status"/> null) or answered an error.</summary>
public sealed class QdrantException : IndexUnavailableException
{
    public QdrantException()
    {
    }

    public QdrantException(string message) : base(message)
    {
    }

    public QdrantException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public QdrantException(string message, int? status, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>The HTTP status Qdrant answered, or null when it could not be reached.</summary>
    public int? Status { get; }

    /// <summary>Unreachable, overloaded or failing (5xx, 429) may pass; a refused key or a refused request (other 4xx) will not.</summary>
    public override bool Transient => Status is null or >= 500 or 429;
}
