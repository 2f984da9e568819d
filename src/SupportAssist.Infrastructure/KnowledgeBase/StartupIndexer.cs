using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.KnowledgeBase;

/// <summary>
/// Indexes the configured Markdown folder before the host starts serving, when the store is empty
/// (or on every start when <see cref="StartupIndexing.Sync"/>: unchanged articles cost nothing).
/// </summary>
public sealed partial class StartupIndexer(
    IKnowledgeStore store,
    KnowledgeBaseIngestor ingestor,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IOptions<KnowledgeBaseOptions> options,
    IOptions<EmbeddingsOptions> embeddings,
    IOptions<VectorStoreOptions> vectorStore,
    IHostEnvironment environment,
    ILogger<StartupIndexer> logger,
    IAuditLog? audit = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await IndexAsync(cancellationToken);
        }
        catch (Retrieval.IndexUnavailableException ex)
        {
            // Degrade, don't fail: the service starts, readiness reports the index, and searches answer 503 meanwhile.
            LogIndexUnavailable(logger, ex.Message);
        }
    }

    private async Task IndexAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.StartupIndexing == StartupIndexing.Rebuild)
        {
            await AuditAsync("index.rebuild", "*", $"rebuilt {await ingestor.RebuildAsync(cancellationToken)} articles (StartupIndexing=Rebuild)", cancellationToken);
        }
        else if (await store.GetEmbedderAsync(cancellationToken) is { } indexed && indexed != EmbedderIdentity.Of(embedder))
        {
            if (!IsEmbeddedDefault)
            {
                // Degrade, don't fail: searches run on BM25 and writes are refused until the index is rebuilt.
                LogMismatch(logger, new EmbedderMismatchException(indexed, EmbedderIdentity.Of(embedder)).Message);
                return;
            }
            // On the embedded default (local encoder, SQLite) a data folder from an older build is simply re-embedded.
            LogRebuilding(logger, indexed, EmbedderIdentity.Of(embedder));
            await AuditAsync("index.rebuild", "*", $"rebuilt {await ingestor.RebuildAsync(cancellationToken)} articles (embedder changed)", cancellationToken);
        }
        if (settings.StartupIndexing == StartupIndexing.Never || string.IsNullOrWhiteSpace(settings.SourceFolder)) return;
        if (settings.StartupIndexing == StartupIndexing.WhenEmpty && await store.CountArticlesAsync(cancellationToken) > 0) return;

        var folder = Path.GetFullPath(settings.SourceFolder, environment.ContentRootPath);
        if (!Directory.Exists(folder))
        {
            LogMissingFolder(logger, folder);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var files = await MarkdownArticleReader.ReadFolderAsync(folder, cancellationToken);
        var counts = new Dictionary<IngestStatus, int>();
        var rejected = 0;
        foreach (var file in files)
        {
            if (file.Article is null)
            {
                rejected++;
                LogRejected(logger, file.Path, string.Join(" | ", file.Errors));
                continue;
            }
            var result = await ingestor.IngestAsync(file.Article, cancellationToken);
            counts[result.Status] = counts.GetValueOrDefault(result.Status) + 1;
        }
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var changed = counts.GetValueOrDefault(IngestStatus.Created) + counts.GetValueOrDefault(IngestStatus.Updated);
        var unchanged = counts.GetValueOrDefault(IngestStatus.Unchanged);
        LogIndexed(logger, folder, files.Count, changed, unchanged, rejected, elapsedMs);
        if (changed > 0) await AuditAsync("article.import", "*", $"{changed} created or updated, {unchanged} unchanged, {rejected} rejected from the source folder", cancellationToken);
    }

    private Task AuditAsync(string action, string target, string outcome, CancellationToken cancellationToken) =>
        audit?.RecordAsync("startup", action, target, outcome, cancellationToken) ?? Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Nothing shared depends on the index: a rebuild costs this process a few seconds and no one else anything.
    private bool IsEmbeddedDefault =>
        embeddings.Value.Provider == EmbeddingsOptions.Local && vectorStore.Value.Provider == VectorStoreOptions.SqliteProvider;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The index was built with the embedder {Indexed}; re-embedding every article with {Configured} (embedded default)")]
    private static partial void LogRebuilding(ILogger logger, string indexed, string configured);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Problem} Until then, search is BM25-only and article writes are refused.")]
    private static partial void LogMismatch(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up indexing skipped: the search index is unavailable ({Reason}); restart to index once it answers")]
    private static partial void LogIndexUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge base folder {Folder} does not exist; nothing indexed at start-up")]
    private static partial void LogMissingFolder(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped article file {File}: {Errors}")]
    private static partial void LogRejected(ILogger logger, string file, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Folder} at start-up: {FileCount} files, {ChangedCount} indexed, {UnchangedCount} unchanged, {RejectedCount} rejected, in {ElapsedMs:F0} ms")]
    private static partial void LogIndexed(ILogger logger, string folder, int fileCount, int changedCount, int unchangedCount, int rejectedCount, double elapsedMs);
}
