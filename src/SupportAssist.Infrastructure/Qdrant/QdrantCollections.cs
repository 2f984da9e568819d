using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qdrant.Client.Grpc;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// The collections behind the alias that searches use. A full rebuild fills a new collection
/// (<c>alias-yyyyMMddHHmmssfff</c>) and then moves the alias in one atomic action, so a search sees the old index
/// or the new one, never a part-built one; a rebuild that stops midway leaves the alias where it was.
/// </summary>
public sealed partial class QdrantCollections(QdrantGateway client, IOptions<VectorStoreOptions> options, TimeProvider clock, ILogger<QdrantCollections> logger)
{
    private const string EmbedderKey = "embedder";
    private const string SparseKey = "sparse";

    // Searches ask for the index's embedder on every query; other replicas may rebuild, so the answer is kept briefly.
    private static readonly TimeSpan DescriptionLifetime = TimeSpan.FromSeconds(30);

    private readonly QdrantOptions _options = options.Value.Qdrant;
    private volatile CachedDescription? _description;

    /// <summary>The alias every search and incremental write goes to.</summary>
    public string Alias => _options.Collection;

    /// <summary>
    /// The embedder of the collection behind the alias (from its metadata) and whether it holds chunks; null when
    /// there is none. Searches take an answer up to 30 s old; writes and health checks ask for a <paramref name="fresh"/> one.
    /// </summary>
    public async Task<IndexDescription?> DescribeAsync(CancellationToken cancellationToken, bool fresh = false)
    {
        if (!fresh && _description is { } cached && clock.GetUtcNow() - cached.At < DescriptionLifetime) return cached.Description;
        var info = await client.GetCollectionAsync(Alias, cancellationToken);
        IndexDescription? description = null;
        if (info is not null)
        {
            var embedder = MetadataText(info, EmbedderKey);
            var sparse = MetadataText(info, SparseKey);
            // One point is enough to know chunks exist; an exact count would read the whole collection on every probe.
            var probe = await client.ScrollAsync(Alias, QdrantCollectionLayout.OfKind(QdrantCollectionLayout.ChunkKind), 1, null, withPayload: false, withVectors: null, cancellationToken);
            description = new IndexDescription(Identity(embedder, sparse), probe.Result.Count > 0, info.HasPointsCount ? (long)info.PointsCount : null);
        }
        _description = new CachedDescription(description, clock.GetUtcNow());
        return description;
    }

    // What the index is known by: its embedder, and the term weighting of its sparse vectors when that is not ours, so
    // that an index built by another weighting is refused and rebuilt like one built by another embedder.
    private static string Identity(string? embedder, string? sparse) =>
        sparse == SparseTermVectors.Version ? embedder ?? "an unrecorded embedder" : $"{embedder ?? "an unrecorded embedder"} with term weights {sparse ?? "unrecorded"}";

    private static string? MetadataText(CollectionInfo info, string key) =>
        info.Config?.Metadata.TryGetValue(key, out var value) == true && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    /// <summary>Forgets the cached description after this process changed the index.</summary>
    public void Invalidate() => _description = null;

    /// <summary>A new, empty collection for vectors of <paramref name="dimensions"/> from <paramref name="embedder"/>, with its payload indexes; returns its name.</summary>
    public async Task<string> CreateAsync(string embedder, int dimensions, CancellationToken cancellationToken)
    {
        var existing = (await client.ListCollectionsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var stamp = clock.GetUtcNow();
        string name;
        // Two creations within one millisecond (an emptied index refilled at once) take the next free name.
        while (existing.Contains(name = $"{Alias}-{stamp.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}")) stamp = stamp.AddMilliseconds(1);
        // The placement flags the v1.19 server reads; their 1.20 replacement (memory) would be ignored by it.
#pragma warning disable CS0612
        var request = new CreateCollection
        {
            CollectionName = name,
            VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap() },
            SparseVectorsConfig = new SparseVectorConfig(),
            ReplicationFactor = (uint)_options.ReplicationFactor,
            WriteConsistencyFactor = (uint)_options.WriteConsistencyFactor,
            OnDiskPayload = true,
        };
        request.VectorsConfig.ParamsMap.Map[QdrantCollectionLayout.DenseVector] = new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine };
        if (_options.OnDiskVectors) request.VectorsConfig.ParamsMap.Map[QdrantCollectionLayout.DenseVector].OnDisk = true;
        request.SparseVectorsConfig.Map[QdrantCollectionLayout.SparseVector] = new SparseVectorParams { Modifier = Modifier.Idf };
        if (_options.ShardNumber is { } shards) request.ShardNumber = (uint)shards;
        if (_options.Quantization == "scalar")
            request.QuantizationConfig = new QuantizationConfig { Scalar = new ScalarQuantization { Type = QuantizationType.Int8, AlwaysRam = true } };
#pragma warning restore CS0612
        request.Metadata[EmbedderKey] = new Value { StringValue = embedder };
        request.Metadata[SparseKey] = new Value { StringValue = SparseTermVectors.Version };
        request.Metadata["created_at"] = new Value { StringValue = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) };
        await client.CreateCollectionAsync(request, cancellationToken);
        try
        {
            foreach (var field in QdrantCollectionLayout.IndexedFields)
                await client.CreateKeywordIndexAsync(name, field, cancellationToken);
        }
        catch
        {
            await TryDeleteAsync(name);
            throw;
        }
        LogCreated(logger, name, dimensions, embedder);
        return name;
    }

    /// <summary>Points the alias at <paramref name="collection"/> in one atomic action and returns the collection it left, if any.</summary>
    public async Task<string?> SwapAsync(string collection, CancellationToken cancellationToken)
    {
        var previous = (await client.ListAliasesAsync(cancellationToken)).FirstOrDefault(a => a.AliasName == Alias)?.CollectionName;
        List<AliasOperations> actions = previous is null ? [] : [new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = Alias } }];
        actions.Add(new AliasOperations { CreateAlias = new CreateAlias { CollectionName = collection, AliasName = Alias } });
        await client.UpdateAliasesAsync(actions, cancellationToken);
        Invalidate();
        LogSwapped(logger, Alias, collection, previous);
        return previous;
    }

    /// <summary>
    /// Deletes this alias's collections that no alias points at and that are older than <see cref="OrphanAge"/>: what
    /// rebuilds that stopped midway left. A younger one may be another replica's rebuild in progress.
    /// </summary>
    public async Task DeleteOrphansAsync(CancellationToken cancellationToken)
    {
        var aliased = (await client.ListAliasesAsync(cancellationToken)).Select(a => a.CollectionName).ToHashSet(StringComparer.Ordinal);
        foreach (var name in await client.ListCollectionsAsync(cancellationToken))
        {
            if (CreatedAt(name) is not { } created || aliased.Contains(name) || clock.GetUtcNow() - created < OrphanAge) continue;
            await client.DeleteCollectionAsync(name, cancellationToken);
            LogOrphanDeleted(logger, name);
        }
    }

    /// <summary>Deletes a collection this store created, logging rather than throwing: used while cleaning up after a failure.</summary>
    public async Task TryDeleteAsync(string collection)
    {
        try
        {
            await client.DeleteCollectionAsync(collection, CancellationToken.None);
        }
        catch (QdrantException ex)
        {
            LogCleanupFailed(logger, collection, ex.Message);
        }
    }

    /// <summary>How old an unaliased collection must be before a rebuild deletes it as abandoned.</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    // When one of this alias's collections was created, from its name; null for any other collection.
    private DateTimeOffset? CreatedAt(string name) =>
        name.Length == Alias.Length + 18 && name.StartsWith(Alias + "-", StringComparison.Ordinal)
        && DateTimeOffset.TryParseExact(name[(Alias.Length + 1)..], "yyyyMMddHHmmssfff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? created
            : null;

    private sealed record CachedDescription(IndexDescription? Description, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Qdrant collection {Collection} ({Dimensions}-d vectors from {Embedder})")]
    private static partial void LogCreated(ILogger logger, string collection, int dimensions, string embedder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alias {Alias} now points at {Collection} (was {Previous})")]
    private static partial void LogSwapped(ILogger logger, string alias, string collection, string? previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted Qdrant collection {Collection}, left by a rebuild that did not finish")]
    private static partial void LogOrphanDeleted(ILogger logger, string collection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete Qdrant collection {Collection} ({Reason}); the next rebuild deletes it")]
    private static partial void LogCleanupFailed(ILogger logger, string collection, string reason);
}
