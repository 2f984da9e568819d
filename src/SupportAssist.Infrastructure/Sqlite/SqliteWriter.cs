using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SupportAssist.Diagnostics;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// Group commit for the embedded file: writes queue in a bounded channel and one background loop runs them in
/// batches, each batch one transaction (one fsync for many writes, no writers colliding on SQLite's lock). A write's
/// task completes only after its batch commits, so nothing acknowledged is lost. Each write runs under its own
/// savepoint: one that fails is rolled back alone and its caller gets the error; the rest of the batch commits.
/// A full queue refuses the write at once (<see cref="StoreBusyException"/>): back-pressure, never an unbounded queue.
/// </summary>
public sealed partial class SqliteWriter : IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteWriter> _logger;
    private readonly int _maxBatch;
    private readonly Channel<IWrite> _queue;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SupportAssistMetrics? _metrics;

    /// <param name="metrics">When given, the queue's depth is observed and each committed batch's size recorded.</param>
    public SqliteWriter(SqliteDatabase database, ILogger<SqliteWriter> logger, int capacity = 4096, int maxBatch = 256, SupportAssistMetrics? metrics = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _database = database;
        _logger = logger;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<IWrite>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _metrics = metrics;
        metrics?.TrackWriteQueue(() => _queue.Reader.Count);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Batches committed so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>The largest batch committed so far.</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    private long _batches;
    private int _largestBatch;

    /// <summary>
    /// Runs <paramref name="work"/> through <paramref name="writer"/>'s next batch when there is a writer (the service),
    /// or in a transaction of its own on <paramref name="database"/> (tools and tests that open the file directly).
    /// </summary>
    public static async Task<T> WriteAsync<T>(
        SqliteDatabase database, SqliteWriter? writer, Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(work);
        if (writer is not null) return await writer.WriteAsync(work, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in the next batch's transaction; completes when that batch has committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var write = new Write<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) throw new StoreBusyException("The write queue of the embedded store is full; try again shortly.");
        return write.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<IWrite>(_maxBatch);
        var stopping = _stopping.Token;
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write)) batch.Add(write);
            try
            {
                await using var connection = await _database.OpenAsync(stopping);
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(stopping);
                var done = new List<IWrite>(batch.Count);
                foreach (var write in batch)
                {
                    if (await write.RunAsync(connection, transaction)) done.Add(write);
                }
                await transaction.CommitAsync(stopping);
                foreach (var write in done) write.Succeed();
                Interlocked.Increment(ref _batches);
                if (batch.Count > _largestBatch) Volatile.Write(ref _largestBatch, batch.Count);
                _metrics?.RecordWriteBatch(batch.Count);
            }
            catch (Exception error)
            {
                // The batch did not commit: no write in it is acknowledged.
                LogBatchFailed(_logger, batch.Count, error);
                foreach (var write in batch) write.Fail(error);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _stopping.Dispose();
    }

    private interface IWrite
    {
        /// <summary>Runs under a savepoint; false (and the caller told) when it failed and was rolled back alone.</summary>
        Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        void Succeed();

        void Fail(Exception error);
    }

    private sealed class Write<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : IWrite
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Completion.TrySetCanceled(cancellationToken);
                return false;
            }
            await Execute(connection, transaction, "SAVEPOINT write");
            try
            {
                _result = await work(connection, transaction, cancellationToken);
                await Execute(connection, transaction, "RELEASE write");
                return true;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                await Execute(connection, transaction, "ROLLBACK TO write; RELEASE write");
                Completion.TrySetException(error);
                return false;
            }
        }

        public void Succeed() => Completion.TrySetResult(_result!);

        public void Fail(Exception error) => Completion.TrySetException(error);

        private static async Task Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A write batch of {Count} could not be committed")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception error);
}
