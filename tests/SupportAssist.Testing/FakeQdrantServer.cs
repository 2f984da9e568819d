using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace SupportAssist.Testing;

/// <summary>
/// An in-process stand-in for Qdrant's REST API on loopback: the subset SupportAssist uses (collections, aliases,
/// payload indexes, upsert/delete/scroll/count, the Query API with prefetch and RRF), with Qdrant's request and
/// response shapes, error texts and status codes, an optional API key, request recording and fault injection.
/// Collection and point semantics live in FakeQdrantState.cs.
/// </summary>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    private const string Version = "1.19.0";
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly string? _apiKey;
    private readonly Func<string, string, string?, IReadOnlyList<string>>? _requestCheck;
    private readonly Lock _gate = new();
    private readonly List<QdrantRequestRecord> _requests = [];
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, FakeQdrantCollection> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private int _disposed;

    private FakeQdrantServer(WebApplication app, string? apiKey, Func<string, string, string?, IReadOnlyList<string>>? requestCheck)
    {
        _app = app;
        _apiKey = apiKey;
        _requestCheck = requestCheck;
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>Every request answered so far, in order; Status is 0 for a connection dropped by an injected fault.</summary>
    public IReadOnlyList<QdrantRequestRecord> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Problems the request check reported; tests assert this stays empty.</summary>
    public IReadOnlyList<string> ContractViolations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>
    /// Consulted before each request is served (after the request check): null serves normally. A fault waits its Delay, then
    /// drops the connection (Abort), serves normally (a 2xx Status, i.e. just a slow Qdrant) or answers its Status with Qdrant's error shape.
    /// </summary>
    public Func<QdrantRequestRecord, QdrantFault?>? Fault { get; set; }

    /// <summary>Physical collection names.</summary>
    public IReadOnlyCollection<string> Collections
    {
        get
        {
            lock (_gate)
            {
                return [.. _collections.Keys];
            }
        }
    }

    /// <summary>Alias to collection.</summary>
    public IReadOnlyDictionary<string, string> Aliases
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_aliases, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Starts a server on a free loopback port. With <paramref name="apiKey"/>, every request but the health probes must carry it
    /// (header <c>api-key</c> or <c>Authorization: Bearer</c>). <paramref name="requestCheck"/> sees (method, path and query, body or null)
    /// of every request; any problem it returns is answered with a 400 and kept in <see cref="ContractViolations"/>.
    /// </summary>
    public static async Task<FakeQdrantServer> StartAsync(string? apiKey = null, Func<string, string, string?, IReadOnlyList<string>>? requestCheck = null)
    {
        // The empty builder reads no configuration files or environment and logs nowhere: quiet, and nothing to watch.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeQdrantServer(app, apiKey, requestCheck);
        app.Run(server.AnswerAsync);
        await app.StartAsync();

        // Kestrel reports the port it was given for port 0 once started.
        server.Root = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>How many points a collection (or the collection an alias names) holds.</summary>
    public int PointCount(string collectionOrAlias)
    {
        lock (_gate)
        {
            return Resolve(collectionOrAlias, out _).PointCount;
        }
    }

    /// <summary>The payload fields indexed through PUT /collections/{name}/index.</summary>
    public IReadOnlyCollection<string> PayloadIndexes(string collectionOrAlias)
    {
        lock (_gate)
        {
            return Resolve(collectionOrAlias, out _).PayloadIndexNames;
        }
    }

    /// <summary>Stops the server; afterwards the port refuses connections, as an unreachable Qdrant would.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Stopping cancels pending fault delays (they watch ApplicationStopping); the timeout bounds anything else.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var clock = Stopwatch.StartNew();
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app.Lifetime.ApplicationStopping);
        var method = context.Request.Method;
        var pathAndQuery = context.Request.GetEncodedPathAndQuery();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(aborted.Token);
        var body = text.Length == 0 ? null : text;

        var answer = await DecideAsync(context.Request, method, pathAndQuery, body, clock, aborted.Token);
        lock (_gate)
        {
            _requests.Add(new QdrantRequestRecord(method, pathAndQuery, body, answer?.Status ?? 0));
        }

        if (answer is null)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = answer.Status;
        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body, aborted.Token);
        }
    }

    private async Task<Answer?> DecideAsync(HttpRequest request, string method, string pathAndQuery, string? body, Stopwatch clock, CancellationToken cancellationToken)
    {
        var problems = _requestCheck?.Invoke(method, pathAndQuery, body) ?? [];
        if (problems.Count > 0)
        {
            lock (_gate)
            {
                _violations.AddRange(problems);
            }

            return Error(400, $"Request breaks Qdrant's API contract: {string.Join("; ", problems)}", clock);
        }

        if (Fault?.Invoke(new QdrantRequestRecord(method, pathAndQuery, body, 0)) is { } fault)
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, cancellationToken);
            }

            if (fault.Abort)
            {
                return null;
            }

            if (fault.Status is < 200 or >= 300)
            {
                return Error(fault.Status, fault.Error ?? $"Service unavailable: fault injected by {nameof(FakeQdrantServer)}", clock);
            }
        }

        // Qdrant normalises paths by trimming trailing slashes (actix NormalizePath::trim).
        var path = request.Path.Value is { Length: > 1 } raw ? raw.TrimEnd('/') : "/";
        if (Unauthorized(request, path) is { } refusal)
        {
            return new Answer(401, "text/plain; charset=utf-8", refusal);
        }

        lock (_gate)
        {
            try
            {
                return Route(method, path, request.Query, body, clock);
            }
            catch (QdrantRejection rejection)
            {
                return Error(rejection.Status, rejection.Message, clock);
            }
            catch (Exception exception)
            {
                // A bug in this stand-in: answer it in Qdrant's ServiceError shape so the failing test shows why.
                return Error(500, $"Service internal error: {exception}", clock);
            }
        }
    }

    private string? Unauthorized(HttpRequest request, string path)
    {
        // Qdrant lets health probes through without a key (its api_key_whitelist).
        if (_apiKey is null || path == "/" || path == "/healthz" || path.StartsWith("/readyz", StringComparison.Ordinal) || path.StartsWith("/livez", StringComparison.Ordinal))
        {
            return null;
        }

        var authorization = request.Headers.Authorization.ToString();
        var key = request.Headers.TryGetValue("api-key", out var header) ? header.ToString()
            : authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..]
            : null;

        // Qdrant answers these as plain text, not in its JSON error shape.
        return key is null ? "Must provide an API key or an Authorization bearer token"
            : key == _apiKey ? null
            : "Invalid API key or JWT";
    }

    private Answer Route(string method, string path, IQueryCollection query, string? body, Stopwatch clock)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var wait = query.TryGetValue("wait", out var waitValue) && bool.TryParse(waitValue, out var waitFlag) && waitFlag;
        return (method, segments) switch
        {
            ("GET", []) => new Answer(200, "application/json", Serialize(new JsonObject { ["title"] = "qdrant - vector search engine", ["version"] = Version })),
            ("GET", ["healthz"] or ["livez"]) => Text("healthz check passed"),
            ("GET", ["readyz"]) => Text("all shards are ready"),
            ("GET", ["collections"]) => Ok(new JsonObject { ["collections"] = new JsonArray([.. _collections.Keys.Order(StringComparer.Ordinal).Select(n => (JsonNode)new JsonObject { ["name"] = n })]) }, clock),
            ("GET", ["aliases"]) => Ok(AliasList(_aliases), clock),
            ("POST", ["collections", "aliases"]) => Ok(UpdateAliases(Json(body)), clock),
            ("GET", ["collections", var name]) => Ok(Resolve(name, out _).Info(), clock),
            ("PUT", ["collections", var name]) => Ok(CreateCollection(name, Json(body)), clock),
            ("DELETE", ["collections", var name]) => Ok(DeleteCollection(name), clock),
            ("GET", ["collections", var name, "exists"]) => Ok(new JsonObject { ["exists"] = _aliases.ContainsKey(name) || _collections.ContainsKey(name) }, clock),
            ("GET", ["collections", var name, "aliases"]) => Ok(CollectionAliases(name), clock),
            ("PUT", ["collections", var name, "index"]) => Ok(Resolve(name, out _).CreatePayloadIndex(Json(body), wait), clock),
            ("PUT", ["collections", var name, "points"]) => Ok(Resolve(name, out _).Upsert(Json(body), wait), clock),
            ("POST", ["collections", var name, "points"]) => Ok(Resolve(name, out _).Retrieve(Json(body)), clock),
            ("GET", ["collections", var name, "points", var id]) => Ok(Resolve(name, out _).Get(PointIdFromPath(id)), clock),
            ("POST", ["collections", var name, "points", "delete"]) => Ok(Resolve(name, out _).Delete(Json(body), wait), clock),
            ("POST", ["collections", var name, "points", "scroll"]) => Ok(Resolve(name, out _).Scroll(Json(body)), clock),
            ("POST", ["collections", var name, "points", "count"]) => Ok(Resolve(name, out _).Count(Json(body)), clock),
            ("POST", ["collections", var name, "points", "query"]) => Ok(Resolve(name, out _).Query(Json(body)), clock),
            ("POST", ["collections", var name, "points", "query", "batch"]) => Ok(QueryBatch(Resolve(name, out _), Json(body)), clock),

            // Actix answers an unmatched route (or method) with an empty 404.
            _ => new Answer(404, "", ""),
        };
    }

    private FakeQdrantCollection Resolve(string name, out string collection)
    {
        // Like Qdrant's resolve_name: an alias first, then the collection it names must exist.
        collection = _aliases.TryGetValue(name, out var target) ? target : name;
        return _collections.TryGetValue(collection, out var found)
            ? found
            : throw QdrantRejection.NotFound($"Collection `{collection}` doesn't exist!");
    }

    private JsonNode CreateCollection(string name, JsonObject body)
    {
        if (name.Length is 0 or > 255 || name.IndexOfAny(['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\0']) >= 0)
        {
            throw QdrantRejection.Validation("name", "collection name contains forbidden characters or is too long");
        }

        if (_collections.ContainsKey(name))
        {
            throw QdrantRejection.AlreadyExists($"Collection `{name}` already exists!");
        }

        if (_aliases.ContainsKey(name))
        {
            throw QdrantRejection.WrongInput($"Can't create collection with name {name}. Alias with the same name already exists");
        }

        _collections[name] = FakeQdrantCollection.Create(body);
        return true;
    }

    private JsonNode DeleteCollection(string name)
    {
        // Qdrant deletes by the name as given, without resolving aliases: an alias or unknown name deletes nothing and answers false.
        foreach (var alias in _aliases.Where(a => a.Value == name).Select(a => a.Key).ToList())
        {
            _aliases.Remove(alias);
        }

        return _collections.Remove(name);
    }

    private JsonNode UpdateAliases(JsonObject body)
    {
        var actions = body["actions"] as JsonArray ?? throw QdrantRejection.Format("missing field `actions`");

        // Qdrant applies the actions in order under one lock, so no request sees a half-done swap; as in its
        // update_aliases, an action that fails stops the batch without undoing the ones before it.
        foreach (var (action, index) in actions.Select((action, index) => (action as JsonObject, index)))
        {
            if (action?["create_alias"] is JsonObject create)
            {
                var collection = QdrantJson.String(create["collection_name"], $"actions[{index}].create_alias.collection_name");
                var alias = QdrantJson.String(create["alias_name"], $"actions[{index}].create_alias.alias_name");
                if (!_collections.ContainsKey(collection))
                {
                    throw QdrantRejection.NotFound($"Collection `{collection}` doesn't exist!");
                }

                if (_collections.ContainsKey(alias))
                {
                    throw QdrantRejection.AlreadyExists($"Collection `{alias}` already exists!");
                }

                _aliases[alias] = collection;
            }
            else if (action?["delete_alias"] is JsonObject delete)
            {
                // "Delete alias if exists": a missing alias is no error.
                _aliases.Remove(QdrantJson.String(delete["alias_name"], $"actions[{index}].delete_alias.alias_name"));
            }
            else if (action?["rename_alias"] is JsonObject rename)
            {
                var from = QdrantJson.String(rename["old_alias_name"], $"actions[{index}].rename_alias.old_alias_name");
                var to = QdrantJson.String(rename["new_alias_name"], $"actions[{index}].rename_alias.new_alias_name");
                if (!_aliases.Remove(from, out var collection))
                {
                    throw QdrantRejection.NotFound($"Alias {from} does not exists!");
                }

                _aliases[to] = collection;
            }
            else
            {
                throw QdrantRejection.Format($"actions[{index}]: data did not match any variant of untagged enum AliasOperations");
            }
        }

        return true;
    }

    private JsonObject CollectionAliases(string name)
    {
        Resolve(name, out var collection);
        return AliasList(_aliases.Where(a => a.Value == collection));
    }

    private static JsonObject AliasList(IEnumerable<KeyValuePair<string, string>> aliases) => new()
    {
        ["aliases"] = new JsonArray([.. aliases.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => (JsonNode)new JsonObject { ["alias_name"] = a.Key, ["collection_name"] = a.Value })]),
    };

    private static JsonArray QueryBatch(FakeQdrantCollection collection, JsonObject body)
    {
        var searches = body["searches"] as JsonArray ?? throw QdrantRejection.Format("missing field `searches`");
        return new JsonArray([.. searches.Select((search, i) => (JsonNode)collection.Query(
            search as JsonObject ?? throw QdrantRejection.Format($"searches[{i}]: expected struct QueryRequest")))]);
    }

    private static PointId PointIdFromPath(string id) =>
        PointId.Parse(ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(id), "id");

    private static JsonObject Json(string? body)
    {
        try
        {
            return JsonNode.Parse(body ?? "") as JsonObject ?? throw QdrantRejection.Format("invalid type, expected a map");
        }
        catch (JsonException exception)
        {
            throw QdrantRejection.Format(exception.Message);
        }
    }

    private static Answer Ok(JsonNode result, Stopwatch clock) =>
        new(200, "application/json", Serialize(new JsonObject { ["result"] = result, ["status"] = "ok", ["time"] = clock.Elapsed.TotalSeconds }));

    private static Answer Error(int status, string message, Stopwatch clock) =>
        new(status, "application/json", Serialize(new JsonObject { ["status"] = new JsonObject { ["error"] = message }, ["time"] = clock.Elapsed.TotalSeconds }));

    // Qdrant (serde) writes backticks and quotes in error texts as they are; keep raw bodies comparable.
    private static string Serialize(JsonNode json) => json.ToJsonString(Unescaped);

    private static Answer Text(string text) => new(200, "text/plain; charset=utf-8", text);

    private sealed record Answer(int Status, string ContentType, string Body);
}

/// <summary>One request as the fake Qdrant answered it (Status 0: the connection was dropped).</summary>
public sealed record QdrantRequestRecord(string Method, string PathAndQuery, string? Body, int Status);

/// <summary>A fault to inject: wait <paramref name="Delay"/>, then drop the connection (<paramref name="Abort"/>) or answer <paramref name="Status"/>.</summary>
public sealed record QdrantFault(int Status = 503, string? Error = null, TimeSpan Delay = default, bool Abort = false);
