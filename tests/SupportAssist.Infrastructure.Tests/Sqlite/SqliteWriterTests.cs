using Microsoft.Data.Sqlite;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

/// <summary>Group commit on a real SQLite file: batches, isolation of a failing write, back-pressure.</summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-writer-").FullName;
    private SqliteDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "writer.db"), NullLogger<SqliteDatabase>.Instance);
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE items (n INTEGER PRIMARY KEY)";
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static Task<int> Insert(SqliteWriter writer, int n, bool fail = false) => writer.WriteAsync(async (connection, transaction, cancellationToken) =>
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO items (n) VALUES ($n)";
        command.Parameters.AddWithValue("$n", n);
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (fail) throw new InvalidDataException($"write {n} refused");
        return n;
    }, CancellationToken.None);

    // A write that holds the writer's loop (and its open batch) until the gate opens.
    private static Task<int> Hold(SqliteWriter writer, TaskCompletionSource gate, TaskCompletionSource held) =>
        writer.WriteAsync(async (_, _, _) =>
        {
            held.TrySetResult();
            await gate.Task;
            return 0;
        }, CancellationToken.None);

    private async Task<List<long>> ItemsAsync()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT n FROM items ORDER BY n";
        var items = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) items.Add(reader.GetInt64(0));
        return items;
    }

    [Fact]
    public async Task Writes_queued_while_a_batch_runs_commit_together_in_the_next_one()
    {
        await using var writer = new SqliteWriter(_database, NullLogger<SqliteWriter>.Instance);
        var gate = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        var holding = Hold(writer, gate, held);
        await held.Task;

        var writes = Enumerable.Range(1, 100).Select(n => Insert(writer, n)).ToList();
        gate.SetResult();
        await Task.WhenAll(writes.Append(holding));

        Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), await ItemsAsync());
        Assert.Equal(100, writer.LargestBatch);
        Assert.Equal(2, writer.Batches);
    }

    [Fact]
    public async Task A_failing_write_is_rolled_back_alone_and_its_caller_gets_the_error()
    {
        await using var writer = new SqliteWriter(_database, NullLogger<SqliteWriter>.Instance);
        var gate = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        var holding = Hold(writer, gate, held);
        await held.Task;

        var first = Insert(writer, 1);
        var failing = Insert(writer, 2, fail: true);
        var third = Insert(writer, 3);
        gate.SetResult();
        await holding;

        Assert.Equal(1, await first);
        Assert.Equal(3, await third);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => failing);
        Assert.Equal("write 2 refused", error.Message);
        Assert.Equal([1L, 3L], await ItemsAsync());
    }

    [Fact]
    public async Task A_full_queue_refuses_the_write_at_once()
    {
        await using var writer = new SqliteWriter(_database, NullLogger<SqliteWriter>.Instance, capacity: 2);
        var gate = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        var holding = Hold(writer, gate, held);
        await held.Task;
        var queued = new[] { Insert(writer, 1), Insert(writer, 2) };

        // Refused when asked, not later: the call itself throws, before any task exists.
        var refused = Record.Exception(() => { _ = Insert(writer, 3); });
        Assert.IsType<StoreBusyException>(refused);

        gate.SetResult();
        await Task.WhenAll(queued.Append(holding));
        Assert.Equal([1L, 2L], await ItemsAsync());
    }
}
