namespace SupportAssist.Testing;

/// <summary>What the stand-in's services share: the API key, the fault hook, the calls answered, and (Grpc/) the collections.</summary>
internal sealed partial class FakeQdrantState(string? apiKey)
{
    private readonly List<QdrantRequestRecord> _requests = [];

    /// <summary>Held while a call reads or changes collections, aliases or the call log.</summary>
    public Lock Gate { get; } = new();

    public string? ApiKey => apiKey;

    public Func<QdrantRequestRecord, QdrantFault?>? Fault { get; set; }

    /// <summary>Signalled when the server stops: pending fault delays end with it.</summary>
    public CancellationToken Stopping { get; set; }

    public IReadOnlyList<QdrantRequestRecord> Requests
    {
        get
        {
            lock (Gate)
            {
                return [.. _requests];
            }
        }
    }

    public void Record(QdrantRequestRecord record)
    {
        lock (Gate)
        {
            _requests.Add(record);
        }
    }
}
