using System.Collections.Concurrent;
using System.Net;

namespace SupportAssist.Api.Hosting;

/// <summary>
/// Counts wrong API keys per client address in fixed windows (<c>Limits:FailedKeys</c>); past the limit the client
/// is refused until its window ends. Held in this process: each replica counts its own (see the README).
/// </summary>
public sealed class FailedKeyLimiter(IOptions<LimitsOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _clients = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep;

    public TimeSpan? BlockedFor(IPAddress? client)
    {
        var settings = options.Value.FailedKeys;
        if (!options.Value.Enabled || !_clients.TryGetValue(Key(client), out var entry)) return null;
        var end = entry.Start + TimeSpan.FromSeconds(settings.WindowSeconds);
        var now = clock.GetUtcNow();
        return entry.Count >= settings.PermitLimit && now < end ? end - now : null;
    }

    public void Record(IPAddress? client)
    {
        var settings = options.Value.FailedKeys;
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromSeconds(settings.WindowSeconds);
        _clients.AddOrUpdate(Key(client), _ => (now, 1), (_, entry) => now - entry.Start >= window ? (now, 1) : (entry.Start, entry.Count + 1));
        // Bounded: windows that ended are dropped once many clients are tracked, at most once a second (a sweep
        // per wrong key would make a flood of them quadratic).
        if (_clients.Count > 10_000 && now - _lastSweep >= TimeSpan.FromSeconds(1))
        {
            _lastSweep = now;
            foreach (var (key, entry) in _clients)
                if (now - entry.Start >= window) _clients.TryRemove(key, out _);
        }
    }

    private static string Key(IPAddress? client) => EndpointProtection.ClientPartition(client);
}
