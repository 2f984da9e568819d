namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>Serialises writes to the knowledge base with the in-memory index's load and update.</summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public Task WaitAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(cancellationToken);

    public void Release() => _semaphore.Release();

    public void Dispose() => _semaphore.Dispose();
}
