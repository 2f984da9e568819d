using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SupportAssist.Testing;

/// <summary>An in-process OpenAI-compatible server on loopback: chat completions (plain and streamed) and embeddings.</summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Lock _waitersLock = new();
    private readonly List<(int Count, TaskCompletionSource Received)> _waiters = [];
    private int _disposed;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>The server's root, e.g. http://127.0.0.1:54321/ (what Azure OpenAI clients are given).</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>Root + "v1/" (what OpenAI-compatible clients are given as their endpoint).</summary>
    public Uri OpenAiBaseUrl => new(Root, "v1/");

    /// <summary>The reply used when the queue is empty.</summary>
    public FakeReply Default { get; set; } = FakeReply.Chat("Fake answer [1].");

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeOpenAiServer> StartAsync()
    {
        // The empty builder reads no configuration files or environment and logs nowhere: quiet, and nothing to watch.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();

        // Kestrel reports the port it was given for port 0 once started.
        server.Root = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Queues replies, consumed in order, one per chat or embeddings request.</summary>
    public void Enqueue(params FakeReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
    }

    /// <summary>Completes once the server has received <paramref name="count"/> requests in all: a test waits for a request, not for time.</summary>
    public Task WhenReceived(int count)
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            if (_requests.Count >= count) return Task.CompletedTask;
            _waiters.Add((count, received));
        }
        return received.Task;
    }

    /// <summary>How many requests had a path ending with <paramref name="pathSuffix"/>, e.g. "chat/completions".</summary>
    public int CountOf(string pathSuffix) => _requests.Count(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    /// <summary>Stops the server, cutting short any delayed reply.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Stopping cancels pending delays (they watch ApplicationStopping); the timeout bounds anything else.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app.Lifetime.ApplicationStopping);
        var request = await RecordAsync(context.Request, aborted.Token);

        var kind = request.Path.EndsWith("chat/completions", StringComparison.Ordinal) ? FakeReply.Kind.Chat
            : request.Path.EndsWith("embeddings", StringComparison.Ordinal) ? FakeReply.Kind.Embeddings
            : (FakeReply.Kind?)null;
        if (kind is null)
        {
            await FakeReply.Status(404, message: $"fake server: no route for {request.Path}").WriteAsync(context.Response, request, aborted.Token);
            return;
        }

        var reply = _replies.TryDequeue(out var next) ? next : Default;
        if (reply.ReplyKind is not (FakeReply.Kind.Status or FakeReply.Kind.Raw) && reply.ReplyKind != kind)
        {
            // A test bug: say so loudly, with a status the SDKs do not retry.
            reply = FakeReply.Status(400, message: $"fake server: the queued reply is for {reply.ReplyKind} but the request is for {kind}");
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, aborted.Token);
        }

        await reply.WriteAsync(context.Response, request, aborted.Token);
    }

    private async Task<RecordedRequest> RecordAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(http.Method, http.Path.Value ?? "", http.QueryString.Value ?? "", headers, body, DateTimeOffset.UtcNow);
        List<TaskCompletionSource> reached;
        lock (_waitersLock)
        {
            _requests.Enqueue(request);
            reached = _waiters.Where(w => _requests.Count >= w.Count).Select(w => w.Received).ToList();
            _waiters.RemoveAll(w => reached.Contains(w.Received));
        }
        foreach (var received in reached) received.TrySetResult();
        return request;
    }
}

/// <summary>One request as the fake server received it; <see cref="Query"/> keeps its leading '?'.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt)
{
    /// <summary>The body parsed as JSON (dispose it).</summary>
    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>Every text content of the chat request's messages (a string or text parts), one per line.</summary>
    public string AllMessageText()
    {
        using var json = Json();
        if (!json.RootElement.TryGetProperty("messages", out var messages))
        {
            return "";
        }

        return string.Join("\n", messages.EnumerateArray()
            .SelectMany(message => message.TryGetProperty("content", out var content) ? TextsOf(content) : []));

        static IEnumerable<string> TextsOf(JsonElement content) => content.ValueKind switch
        {
            JsonValueKind.String => [content.GetString()!],
            JsonValueKind.Array => content.EnumerateArray()
                .Where(part => part.TryGetProperty("type", out var type) && type.GetString() == "text")
                .Select(part => part.GetProperty("text").GetString()!),
            _ => [],
        };
    }
}

/// <summary>What the fake server answers to one request: a chat completion, embeddings or an error status.</summary>
public sealed record FakeReply
{
    internal enum Kind { Chat, Embeddings, Status, Raw }

    private FakeReply(Kind kind) => ReplyKind = kind;

    internal Kind ReplyKind { get; }
    internal TimeSpan Delay { get; private init; }
    internal TimeSpan ChunkDelay { get; private init; }
    private Func<RecordedRequest, string> Content { get; init; } = _ => "";
    private int PromptTokens { get; init; }
    private int CompletionTokens { get; init; }
    private int StatusCode { get; init; } = 200;
    private string? RetryAfter { get; init; }
    private string ErrorMessage { get; init; } = "";
    private int Dimensions { get; init; }

    /// <summary>A chat completion with fixed content.</summary>
    public static FakeReply Chat(string content, int promptTokens = 120, int completionTokens = 30) =>
        ChatFrom(_ => content, promptTokens, completionTokens);

    /// <summary>A chat completion whose content is computed from the request.</summary>
    public static FakeReply ChatFrom(Func<RecordedRequest, string> content, int promptTokens = 120, int completionTokens = 30) =>
        new(Kind.Chat) { Content = content, PromptTokens = promptTokens, CompletionTokens = completionTokens };

    /// <summary>An OpenAI-style error body with the given status, and a Retry-After header when given.</summary>
    /// <summary>A 200 whose body is <paramref name="body"/> as it is: what a misconfigured gateway or a broken server sends.</summary>
    public static FakeReply Raw(string body, string contentType = "text/html") =>
        new(Kind.Raw) { RawBody = body, RawContentType = contentType };

    private string RawBody { get; init; } = "";

    private string RawContentType { get; init; } = "";

    public static FakeReply Status(int statusCode, string? retryAfter = null, string message = "fake failure") =>
        new(Kind.Status) { StatusCode = statusCode, RetryAfter = retryAfter, ErrorMessage = message };

    /// <summary>Deterministic unit vectors, one per input string, seeded from the string's hash.</summary>
    public static FakeReply Embeddings(int dimensions = 8) =>
        new(Kind.Embeddings) { Dimensions = dimensions };

    /// <summary>A copy that waits <paramref name="delay"/> before answering.</summary>
    public FakeReply After(TimeSpan delay) => this with { Delay = delay };

    /// <summary>A copy that, when streamed, waits <paramref name="delay"/> between chunks.</summary>
    public FakeReply WithChunkDelay(TimeSpan delay) => this with { ChunkDelay = delay };

    /// <summary>A copy that, when streamed, sends <paramref name="pieces"/> pieces of its content and then waits for <paramref name="release"/> before the rest.</summary>
    public FakeReply HoldingAfter(int pieces, Task release) => this with { HeldAfter = pieces, Release = release };

    private int HeldAfter { get; init; } = -1;

    private Task Release { get; init; } = Task.CompletedTask;

    /// <summary>A copy whose JSON body stalls for <paramref name="delay"/> after the headers and its first bytes are sent.</summary>
    public FakeReply WithBodyStall(TimeSpan delay) => this with { BodyStall = delay };

    private TimeSpan BodyStall { get; init; }

    internal async Task WriteAsync(HttpResponse response, RecordedRequest request, CancellationToken cancellationToken)
    {
        if (ReplyKind == Kind.Raw)
        {
            response.ContentType = RawContentType;
            await response.WriteAsync(RawBody, cancellationToken);
            return;
        }

        if (ReplyKind == Kind.Status)
        {
            response.StatusCode = StatusCode;
            if (RetryAfter is not null)
            {
                response.Headers.RetryAfter = RetryAfter;
            }

            var error = new JsonObject
            {
                ["message"] = ErrorMessage,
                ["type"] = StatusCode switch { 429 => "requests", >= 500 => "server_error", _ => "invalid_request_error" },
                ["code"] = StatusCode == 429 ? "rate_limit_exceeded" : StatusCode.ToString(CultureInfo.InvariantCulture),
            };
            await WriteJsonAsync(response, new JsonObject { ["error"] = error }, cancellationToken);
            return;
        }

        var body = JsonNode.Parse(request.Body);
        var model = body?["model"]?.GetValue<string>() ?? "fake-model";
        if (ReplyKind == Kind.Embeddings)
        {
            await WriteJsonAsync(response, EmbeddingsBody(body, model), cancellationToken);
        }
        else if (body?["stream"]?.GetValue<bool>() == true)
        {
            await StreamChatAsync(response, Content(request), model, body["stream_options"]?["include_usage"]?.GetValue<bool>() == true, cancellationToken);
        }
        else
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = Content(request) };
            var choice = new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = "stop" };
            await WriteJsonAsync(response, Completion("chat.completion", model, choice, Usage()), cancellationToken);
        }
    }

    private async Task StreamChatAsync(HttpResponse response, string content, string model, bool includeUsage, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancellationToken);

        await SendAsync(Chunk(Delta(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null)));
        var sent = 0;
        foreach (var piece in WordPieces(content))
        {
            if (sent++ == HeldAfter)
            {
                await Release.WaitAsync(cancellationToken);
            }

            if (ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkDelay, cancellationToken);
            }

            await SendAsync(Chunk(Delta(new JsonObject { ["content"] = piece }, null)));
        }

        await SendAsync(Chunk(Delta([], "stop")));
        if (includeUsage)
        {
            await SendAsync(Chunk(null, Usage()));
        }

        await SendAsync("[DONE]");

        async Task SendAsync(string data)
        {
            await response.WriteAsync($"data: {data}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }

        string Chunk(JsonObject? choice, JsonObject? usage = null) =>
            Completion("chat.completion.chunk", model, choice, usage).ToJsonString();

        static JsonObject Delta(JsonObject delta, string? finishReason) =>
            new() { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason };
    }

    private async Task WriteJsonAsync(HttpResponse response, JsonObject json, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        var text = json.ToJsonString();
        if (BodyStall > TimeSpan.Zero)
        {
            await response.WriteAsync(text[..10], cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            await Task.Delay(BodyStall, cancellationToken);
            text = text[10..];
        }

        await response.WriteAsync(text, cancellationToken);
    }

    private static JsonObject Completion(string type, string model, JsonObject? choice, JsonObject? usage = null) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = type,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["choices"] = choice is null ? new JsonArray() : new JsonArray(choice),
        ["usage"] = usage,
    };

    private JsonObject Usage() => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = CompletionTokens,
        ["total_tokens"] = PromptTokens + CompletionTokens,
    };

    /// <summary>Word-sized pieces, each keeping its trailing whitespace, so they concatenate back exactly.</summary>
    private static IEnumerable<string> WordPieces(string content)
    {
        var start = 0;
        for (var i = 1; i <= content.Length; i++)
        {
            if (i == content.Length || (char.IsWhiteSpace(content[i - 1]) && !char.IsWhiteSpace(content[i])))
            {
                yield return content[start..i];
                start = i;
            }
        }
    }

    private JsonObject EmbeddingsBody(JsonNode? body, string model)
    {
        var inputs = body?["input"] switch
        {
            JsonArray array => array.Select(item => item?.GetValue<string>() ?? "").ToList(),
            JsonNode single => [single.GetValue<string>()],
            null => new List<string>(),
        };
        var asBase64 = body?["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        foreach (var (input, index) in inputs.Select((input, index) => (input, index)))
        {
            var vector = UnitVector(input, Dimensions);
            JsonNode embedding = asBase64
                ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                : new JsonArray([.. vector.Select(v => (JsonNode)v)]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = index, ["embedding"] = embedding });
        }

        var tokens = inputs.Sum(i => Math.Max(1, i.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
    }

    private static float[] UnitVector(string input, int dimensions)
    {
        // A stable hash (string.GetHashCode is randomised per process) seeds a deterministic generator.
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
        var random = new Random(seed);
        var vector = Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }
}
