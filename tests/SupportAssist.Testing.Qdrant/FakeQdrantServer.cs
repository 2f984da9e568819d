using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

#if !QDRANT_PROTOS
// Without the protocol definitions no server can start, so the members that read collections never run.
#pragma warning disable CA1822
#endif

namespace SupportAssist.Testing;

/// <summary>
/// An in-process stand-in for Qdrant's gRPC API on loopback (HTTP/2 without TLS), its services generated from Qdrant's
/// own protocol definitions: the subset SupportAssist uses (collections, aliases, payload indexes, upsert, delete,
/// scroll, count, the Query API with prefetch and RRF, the health check), with Qdrant's status codes and error texts,
/// an optional API key, call recording and fault injection. Collection and point semantics live in Grpc/.
/// </summary>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    private const string ProtoFolder = "../shared/qdrant/proto";

    private readonly WebApplication _app;
    private readonly FakeQdrantState _state;
    private int _disposed;

    private FakeQdrantServer(WebApplication app, FakeQdrantState state)
    {
        _app = app;
        _state = state;
    }

    /// <summary>True when this build has Qdrant's protocol definitions compiled in; otherwise <see cref="StartAsync"/> refuses.</summary>
    public static bool Available =>
#if QDRANT_PROTOS
        true;
#else
        false;
#endif

    /// <summary>Why tests against the stand-in skip when it is not <see cref="Available"/>.</summary>
    public static string AbsentMessage =>
        $"Qdrant's protocol definitions were not found at build time ({ProtoFolder} beside the repository, or the QdrantProtoDir property): the gRPC Qdrant stand-in is not built, so tests against it are skipped.";

    /// <summary>The server's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>Every call answered so far, in order.</summary>
    public IReadOnlyList<QdrantRequestRecord> Requests => _state.Requests;

    /// <summary>
    /// Consulted before each call is served (its Status is null then): null serves normally. A fault waits its Delay, then
    /// drops the connection (Abort), serves normally (Status OK, i.e. just a slow Qdrant) or answers its Status.
    /// </summary>
    public Func<QdrantRequestRecord, QdrantFault?>? Fault
    {
        get => _state.Fault;
        set => _state.Fault = value;
    }

    /// <summary>Physical collection names.</summary>
    public IReadOnlyCollection<string> Collections =>
#if QDRANT_PROTOS
        _state.CollectionNames;
#else
        [];
#endif

    /// <summary>Alias to collection.</summary>
    public IReadOnlyDictionary<string, string> Aliases =>
#if QDRANT_PROTOS
        _state.AliasMap;
#else
        new Dictionary<string, string>();
#endif

    /// <summary>
    /// Starts a server on a free loopback port. With <paramref name="apiKey"/>, every call but the health check must carry it
    /// (metadata <c>api-key</c>, or <c>authorization: Bearer</c>).
    /// </summary>
    public static async Task<FakeQdrantServer> StartAsync(string? apiKey = null)
    {
        if (!Available) throw new InvalidOperationException(AbsentMessage);

        // The empty builder reads no configuration files or environment and logs nowhere: quiet, and nothing to watch.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var state = new FakeQdrantState(apiKey);
        builder.Services.AddSingleton(state);
        builder.Services.AddRouting();
#if QDRANT_PROTOS
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<FakeQdrantInterceptor>());
#endif
        var app = builder.Build();
#if QDRANT_PROTOS
        app.MapGrpcService<FakeQdrantHealthService>();
        app.MapGrpcService<FakeQdrantCollectionsService>();
        app.MapGrpcService<FakeQdrantPointsService>();
#endif
        var server = new FakeQdrantServer(app, state);
        await app.StartAsync();
        state.Stopping = app.Lifetime.ApplicationStopping;

        // Kestrel reports the port it was given for port 0 once started.
        server.Root = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>How many points a collection (or the collection an alias names) holds.</summary>
    public int PointCount(string collectionOrAlias) =>
#if QDRANT_PROTOS
        _state.PointCount(collectionOrAlias);
#else
        throw new InvalidOperationException(AbsentMessage);
#endif

    /// <summary>The payload fields indexed through CreateFieldIndex.</summary>
    public IReadOnlyCollection<string> PayloadIndexes(string collectionOrAlias) =>
#if QDRANT_PROTOS
        _state.PayloadIndexes(collectionOrAlias);
#else
        throw new InvalidOperationException(AbsentMessage);
#endif

    /// <summary>Stops the server; afterwards the port refuses connections, as an unreachable Qdrant would.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;

        // Stopping cancels pending fault delays (they watch ApplicationStopping); the timeout bounds anything else.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
