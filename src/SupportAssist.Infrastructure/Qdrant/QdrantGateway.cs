using Grpc.Core;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// The calls this store makes through the official Qdrant client (gRPC). The client's channel runs on the Qdrant
/// HttpClient, which carries the API key and the one resilience pipeline; every failure surfaces as a
/// <see cref="QdrantException"/> with the status and Qdrant's own message, so callers answer 503 (or degrade) rather than 500.
/// Searches, scrolls and counts on a missing collection find nothing: nothing has been indexed yet.
/// </summary>
public sealed class QdrantGateway(QdrantClient client)
{
    /// <summary>Succeeds when the server answers its health check; throws <see cref="QdrantException"/> otherwise.</summary>
    public Task ReadyAsync(CancellationToken cancellationToken) =>
        CallAsync("health check", () => client.HealthAsync(cancellationToken));

    /// <summary>The collection's (or alias's) info, or null when there is no such collection.</summary>
    public Task<CollectionInfo?> GetCollectionAsync(string collection, CancellationToken cancellationToken) =>
        CallAsync<CollectionInfo?>($"get collection {collection}", async () => await client.GetCollectionInfoAsync(collection, cancellationToken), notFound: null);

    /// <summary>Every collection's name.</summary>
    public Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        CallAsync("list collections", () => client.ListCollectionsAsync(cancellationToken));

    public Task CreateCollectionAsync(CreateCollection request, CancellationToken cancellationToken) =>
        CallAsync($"create collection {request.CollectionName}", () => client.CreateCollectionAsync(request, cancellationToken));

    /// <summary>Deletes a collection; one that is already gone is no error.</summary>
    public Task DeleteCollectionAsync(string collection, CancellationToken cancellationToken) =>
        CallAsync<bool>($"delete collection {collection}", async () =>
        {
            try
            {
                await client.DeleteCollectionAsync(collection, cancellationToken: cancellationToken);
                return true;
            }
            catch (global::Qdrant.Client.QdrantException)
            {
                // The client's only check here: Qdrant answered false, i.e. there was no such collection to delete.
                return false;
            }
        }, notFound: false);

    /// <summary>Every alias with its collection.</summary>
    public Task<IReadOnlyList<AliasDescription>> ListAliasesAsync(CancellationToken cancellationToken) =>
        CallAsync("list aliases", () => client.ListAliasesAsync(cancellationToken));

    /// <summary>Applies the alias actions atomically: no search sees a state between them.</summary>
    public Task UpdateAliasesAsync(IReadOnlyList<AliasOperations> actions, CancellationToken cancellationToken) =>
        CallAsync("update aliases", () => client.UpdateAliasesAsync(actions, cancellationToken: cancellationToken));

    public Task CreateKeywordIndexAsync(string collection, string field, CancellationToken cancellationToken) =>
        CallAsync($"index {field} in {collection}", () => client.CreatePayloadIndexAsync(collection, field, PayloadSchemaType.Keyword, wait: true, cancellationToken: cancellationToken));

    /// <summary>Inserts or replaces points, returning once they are searchable.</summary>
    public Task UpsertAsync(string collection, IReadOnlyList<PointStruct> points, CancellationToken cancellationToken) =>
        CallAsync($"upsert into {collection}", () => client.UpsertAsync(collection, points, wait: true, cancellationToken: cancellationToken));

    /// <summary>Deletes the points matching <paramref name="filter"/>, returning once they are gone from search.</summary>
    public Task DeleteAsync(string collection, Filter filter, CancellationToken cancellationToken) =>
        CallAsync($"delete from {collection}", () => client.DeleteAsync(collection, filter, wait: true, cancellationToken: cancellationToken));

    /// <summary>One page of points matching <paramref name="filter"/> from <paramref name="offset"/>, with the named dense vectors asked for.</summary>
    public Task<ScrollResponse> ScrollAsync(string collection, Filter filter, uint limit, PointId? offset, bool withPayload, IReadOnlyList<string>? withVectors, CancellationToken cancellationToken)
    {
        var vectors = withVectors is null ? new WithVectorsSelector { Enable = false } : new WithVectorsSelector { Include = new VectorsSelector { Names = { withVectors } } };
        return CallAsync($"scroll {collection}", () => client.ScrollAsync(collection, filter, limit, offset, new WithPayloadSelector { Enable = withPayload }, vectors, cancellationToken: cancellationToken),
            notFound: new ScrollResponse());
    }

    /// <summary>The exact number of points matching <paramref name="filter"/>; with <paramref name="allReplicas"/>, as every replica has it.</summary>
    public Task<ulong> CountAsync(string collection, Filter? filter, CancellationToken cancellationToken, bool allReplicas = false) =>
        CallAsync($"count {collection}", () => client.CountAsync(collection, filter, exact: true,
            readConsistency: allReplicas ? new ReadConsistency { Type = ReadConsistencyType.All } : null, cancellationToken: cancellationToken), notFound: 0UL);

    /// <summary>A Query API request: a nearest-neighbour query on one named vector, or a fusion of prefetches.</summary>
    public Task<IReadOnlyList<ScoredPoint>> QueryAsync(string collection, Query query, string? usingVector, Filter filter, ulong limit, CancellationToken cancellationToken,
        IReadOnlyList<PrefetchQuery>? prefetch = null, SearchParams? searchParams = null) =>
        CallAsync($"query {collection}", () => client.QueryAsync(collection, query, prefetch, usingVector, filter, searchParams: searchParams, limit: limit,
            payloadSelector: new WithPayloadSelector { Enable = true }, cancellationToken: cancellationToken), notFound: (IReadOnlyList<ScoredPoint>)[]);

    private static async Task CallAsync(string operation, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            throw Translate(operation, ex);
        }
        catch (global::Qdrant.Client.QdrantException ex)
        {
            // The client's own check: Qdrant answered, but said the operation was not done.
            throw new QdrantException($"{operation}: {ex.Message}", StatusCode.Unknown, ex);
        }
    }

    private static async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException ex)
        {
            throw Translate(operation, ex);
        }
        catch (global::Qdrant.Client.QdrantException ex)
        {
            // The client's own check: Qdrant answered, but said the operation was not done.
            throw new QdrantException($"{operation}: {ex.Message}", StatusCode.Unknown, ex);
        }
    }

    // Only Qdrant answers NotFound (no such collection); a proxy's or another server's 404 arrives as Unimplemented.
    private static async Task<T> CallAsync<T>(string operation, Func<Task<T>> call, T notFound)
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return notFound;
        }
        catch (RpcException ex)
        {
            throw Translate(operation, ex);
        }
        catch (global::Qdrant.Client.QdrantException ex)
        {
            // The client's own check: Qdrant answered, but said the operation was not done.
            throw new QdrantException($"{operation}: {ex.Message}", StatusCode.Unknown, ex);
        }
    }

    // A status the client made up from a local failure carries that failure: Qdrant was not reached, or not in time.
    private static QdrantException Translate(string operation, RpcException ex) => ex.Status.DebugException switch
    {
        { } local when Find<BrokenCircuitException>(local) is not null => new QdrantException($"{operation}: Qdrant could not be reached (circuit open after repeated failures)", null, ex),
        { } local when Find<TimeoutRejectedException>(local) is not null => new QdrantException($"{operation}: Qdrant could not be reached (timed out)", null, ex),
        { } local => new QdrantException($"{operation}: Qdrant could not be reached ({Describe(local)})", null, ex),
        null => new QdrantException($"{operation}: Qdrant answered {ex.StatusCode}: {ex.Status.Detail}", ex.StatusCode, ex),
    };

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found) return found;
        }
        return null;
    }

    private static string Describe(Exception ex) =>
        Find<HttpRequestException>(ex) is { HttpRequestError: var error } ? error.ToString() : ex.GetType().Name;
}
