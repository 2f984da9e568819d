using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAssist.Infrastructure.Readiness;
using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.KnowledgeBase;

/// <summary>
/// Indexes the configured Markdown folder in the background once the host listens, when the store is empty
/// (or on every start when <see cref="StartupIndexing.Sync"/>: unchanged articles cost nothing), reporting its
/// progress to the <see cref="StartupReadiness.Index"/> component; searches wait for it (503 with Retry-After).
/// </summary>
public sealed partial class StartupIndexer(
    IKnowledgeStore store,
    KnowledgeBaseIngestor ingestor,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IOptions<KnowledgeBaseOptions> options,
    IOptions<EmbeddingsOptions> embeddings,
    IOptions<VectorStoreOptions> vectorStore,
    IHostEnvironment environment,
    StartupReadiness readiness,
    ILogger<StartupIndexer> logger,
    IAuditLog? audit = null) : BackgroundService
{
    private readonly ReadinessComponent _index = readiness[StartupReadiness.Index];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var (description, degraded) = await IndexAsync(stoppingToken);
            _index.MarkReady(description, degraded);
        }
        catch (Retrieval.IndexUnavailableException ex)
        {
            // Degrade, don't fail: the store's own readiness check reports the outage, and searches answer 503 meanwhile.
            LogIndexUnavailable(logger, ex.Message);
            _index.MarkReady("start-up indexing skipped: the search index is unavailable; restart to index once it answers", degraded: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The host stops on it (as a failed start did); readiness says so meanwhile, the log says why.
            LogIndexingFailed(logger, ex);
            _index.MarkUnavailable("start-up indexing failed: see the service log");
            throw;
        }
    }

    private async Task<(string Description, bool Degraded)> IndexAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.StartupIndexing == StartupIndexing.Rebuild)
        {
            _index.Report("rebuilding the index (StartupIndexing=Rebuild)");
            await AuditAsync("index.rebuild", "*", $"rebuilt {await ingestor.RebuildAsync(cancellationToken)} articles (StartupIndexing=Rebuild)", cancellationToken);
        }
        else if (await store.GetEmbedderAsync(cancellationToken) is { } indexed && indexed != EmbedderIdentity.Of(embedder))
        {
            if (!IsEmbeddedDefault)
            {
                // Degrade, don't fail: searches run on BM25 and writes are refused until the index is rebuilt.
                var mismatch = new EmbedderMismatchException(indexed, EmbedderIdentity.Of(embedder)).Message;
                LogMismatch(logger, mismatch);
                return ($"{mismatch} Until then, search is BM25-only and article writes are refused.", true);
            }
            // On the embedded default (local encoder, SQLite) a data folder from an older build is simply re-embedded.
            LogRebuilding(logger, indexed, EmbedderIdentity.Of(embedder));
            _index.Report($"re-embedding every article: the index was built with {indexed}");
            await AuditAsync("index.rebuild", "*", $"rebuilt {await ingestor.RebuildAsync(cancellationToken)} articles (embedder changed)", cancellationToken);
        }
        if (settings.StartupIndexing == StartupIndexing.Never || string.IsNullOrWhiteSpace(settings.SourceFolder)) return ("start-up indexing is off", false);
        if (settings.StartupIndexing == StartupIndexing.WhenEmpty && await store.CountArticlesAsync(cancellationToken) is > 0 and var count)
            return ($"{count} articles indexed", false);

        var folder = Path.GetFullPath(settings.SourceFolder, environment.ContentRootPath);
        if (!Directory.Exists(folder))
        {
            LogMissingFolder(logger, folder);
            return ($"the knowledge base folder {folder} does not exist; nothing indexed at start-up", true);
        }
        var started = Stopwatch.GetTimestamp();
        _index.Report($"reading {folder}");
        var files = await MarkdownArticleReader.ReadFolderAsync(folder, cancellationToken);
        var counts = new Dictionary<IngestStatus, int>();
        var rejected = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            _index.Report($"indexing {folder}: {i} of {files.Count} articles");
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
        return ($"indexed {folder}: {files.Count} files, {changed} indexed, {unchanged} unchanged, {rejected} rejected", false);
    }

    // The index is built by then: a shared store (PostgreSQL) that cannot be reached costs the audit line, said in
    // the log, not the index and the host.
    private async Task AuditAsync(string action, string target, string outcome, CancellationToken cancellationToken)
    {
        if (audit is null) return;
        try
        {
            await audit.RecordAsync("startup", action, target, outcome, cancellationToken);
        }
        catch (Outcomes.StoreUnavailableException)
        {
            LogAuditLost(logger, action, outcome);
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit record of start-up indexing ({Action}: {Outcome}) was not written: the shared store cannot be reached")]
    private static partial void LogAuditLost(ILogger logger, string action, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up indexing failed")]
    private static partial void LogIndexingFailed(ILogger logger, Exception exception);
}
