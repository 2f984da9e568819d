using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SupportAssist.Diagnostics;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure.Storage;

/// <summary>
/// Group commit: writes queue in a bounded channel and one background loop runs them in batches, each batch one
/// transaction (one commit, one fsync for many writes; no writers of this process colliding on the database's
/// locks). A write's task completes only after its batch commits, so nothing acknowledged is lost. Each write runs
/// under its own savepoint: one that fails is rolled back alone and its caller gets the error; the rest of the batch
/// commits. A full queue refuses the write at once (<see cref="StoreBusyException"/>): back-pressure, never an
/// unbounded queue. Subclasses open the connection and say which failures mean the database is unavailable.
/// </summary>
public abstract partial class GroupCommitWriter<TConnection, TTransaction> : IAsyncDisposable
    where TConnection : DbConnection
    where TTransaction : DbTransaction
{
    private const string Savepoint = "write";
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Channel<IWrite> _queue;
    private readonly Task _loop;
    private readonly SupportAssistMetrics? _metrics;
    private long _batches;
    private int _largestBatch;

    /// <param name="metrics">When given, the queue's depth is observed and each committed batch's size recorded.</param>
    protected GroupCommitWriter(ILogger logger, int capacity, int maxBatch, SupportAssistMetrics? metrics = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _logger = logger;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<IWrite>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _metrics = metrics;
        metrics?.TrackWriteQueue(() => QueueDepth);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Batches committed so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>The largest batch committed so far.</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>Writes waiting for a batch.</summary>
    public int QueueDepth => _queue.Reader.CanCount ? _queue.Reader.Count : 0;

    /// <summary>Opens a connection for one batch.</summary>
    protected abstract Task<TConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The exception a caller sees for <paramref name="error"/>, which failed a batch or a write (by default, itself).</summary>
    protected virtual Exception Translate(Exception error) => error;

    /// <summary>Runs <paramref name="work"/> in the next batch's transaction; completes when that batch has committed.</summary>
    public Task<T> WriteAsync<T>(Func<TConnection, TTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var write = new Write<T>(this, work, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) throw new StoreBusyException("The store's write queue is full; try again shortly.");
        return write.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<IWrite>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write)) batch.Add(write);
            try
            {
                await using var connection = await OpenAsync(CancellationToken.None);
                await using var transaction = (TTransaction)await connection.BeginTransactionAsync(CancellationToken.None);
                var done = new List<IWrite>(batch.Count);
                foreach (var write in batch)
                {
                    if (await write.RunAsync(connection, transaction)) done.Add(write);
                }
                await transaction.CommitAsync(CancellationToken.None);
                foreach (var write in done) write.Succeed();
                Interlocked.Increment(ref _batches);
                _metrics?.RecordWriteBatch(batch.Count);
                if (batch.Count > _largestBatch) Volatile.Write(ref _largestBatch, batch.Count);
            }
            catch (Exception error)
            {
                // The batch did not commit: no write in it is acknowledged.
                LogBatchFailed(_logger, batch.Count, error);
                var seen = Translate(error);
                foreach (var write in batch) write.Fail(seen);
            }
        }
    }

    /// <summary>Stops taking writes and commits the ones already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        GC.SuppressFinalize(this);
    }

    private interface IWrite
    {
        /// <summary>Runs under a savepoint; false (and the caller told) when it failed and was rolled back alone.</summary>
        Task<bool> RunAsync(TConnection connection, TTransaction transaction);

        void Succeed();

        void Fail(Exception error);
    }

    private sealed class Write<T>(GroupCommitWriter<TConnection, TTransaction> writer, Func<TConnection, TTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : IWrite
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<bool> RunAsync(TConnection connection, TTransaction transaction)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Completion.TrySetCanceled(cancellationToken);
                return false;
            }
            await transaction.SaveAsync(Savepoint);
            try
            {
                _result = await work(connection, transaction, cancellationToken);
                await transaction.ReleaseAsync(Savepoint);
                return true;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                await transaction.RollbackAsync(Savepoint);
                Completion.TrySetException(writer.Translate(error));
                return false;
            }
        }

        public void Succeed() => Completion.TrySetResult(_result!);

        public void Fail(Exception error) => Completion.TrySetException(error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A write batch of {Count} could not be committed")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception error);
}
