using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupportAssist.Benchmarks;

/// <summary>
/// A bounded closed-loop load on one endpoint of a running service: <c>concurrency</c> clients each send their next
/// request as soon as the last one is answered, for <c>seconds</c>, then stop. Prints throughput, p50/p99 latency,
/// statuses, and (given the server's pid) the server's CPU time per request. With <c>--acked FILE</c> the ids of
/// deflections answered 200 are appended to FILE, one per line, as soon as each is answered: the writes the service
/// acknowledged, which a drill checks after a crash. Refuses any address that is not loopback.
/// </summary>
internal static class LoadRun
{
    private static readonly string[] Questions =
    [
        "how do I refund a payment", "my payout has not arrived", "change the bank account for payouts", "what fees do you charge",
        "customer disputes a charge", "set up two factor authentication", "cancel a subscription", "webhook signature verification",
        "where is my invoice", "the card reader does not connect", "export my transactions to a spreadsheet", "add a team member",
    ];

    // load <baseUrl> <deflections|search|triage> <concurrency> <seconds> [--server-pid N] [--acked FILE] [--key KEY]
    public static async Task<int> RunAsync(string[] args)
    {
        var uri = new Uri(args[1]);
        if (!uri.IsLoopback) throw new ArgumentException("Load runs target loopback addresses only.", nameof(args));
        var endpoint = args[2];
        var concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
        var seconds = Math.Clamp(double.Parse(args[4], CultureInfo.InvariantCulture), 1, 600);
        if (concurrency is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(args), "concurrency must be 1..256");
        var pid = Option(args, "--server-pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
        var ackedPath = Option(args, "--acked");
        using var acked = ackedPath is null ? null : new StreamWriter(ackedPath, append: true) { AutoFlush = true };
        var ackLock = new object();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency + 4 }) { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) };
        if (Option(args, "--key") is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);

        var latencies = new List<double>[concurrency];
        var statuses = new Dictionary<string, int>[concurrency];
        var retryAfterMissing = 0;
        var cpuBefore = pid is { } id ? CpuSeconds(id) : 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            var counts = statuses[worker] = [];
            for (var i = worker; Stopwatch.GetTimestamp() < deadline; i += concurrency)
            {
                var question = Questions[i % Questions.Length] + (i % 5 == 0 ? "" : $" (ref {i})");
                var started = Stopwatch.GetTimestamp();
                string status;
                try
                {
                    using var response = endpoint switch
                    {
                        "deflections" => await http.PostAsJsonAsync("/v1/deflections", new { question }),
                        "search" => await http.GetAsync("/v1/search?q=" + Uri.EscapeDataString(question)),
                        "triage" => await http.PostAsJsonAsync("/v1/triage", new { subject = question, body = question + ". Please help, this is urgent for my shop." }),
                        _ => throw new ArgumentException($"Unknown endpoint '{endpoint}'.", nameof(args)),
                    };
                    var body = await response.Content.ReadAsByteArrayAsync();
                    status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    if ((int)response.StatusCode == 503 && response.Headers.RetryAfter is null) Interlocked.Increment(ref retryAfterMissing);
                    if (acked is not null && response.IsSuccessStatusCode && endpoint == "deflections")
                    {
                        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
                        lock (ackLock) acked.WriteLine(id);
                    }
                }
                catch (HttpRequestException error)
                {
                    status = "connection: " + error.HttpRequestError;
                    // The server is gone (a drill killed it): do not spin.
                    await Task.Delay(20);
                }
                catch (TaskCanceledException)
                {
                    status = "timeout";
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                counts[status] = counts.GetValueOrDefault(status) + 1;
            }
        }));
        wall.Stop();
        var cpu = pid is { } serverPid ? CpuSeconds(serverPid) - cpuBefore : double.NaN;

        var all = latencies.SelectMany(l => l).Order().ToList();
        var merged = statuses.SelectMany(s => s).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var ok = merged.Where(kv => kv.Key.StartsWith('2')).Sum(kv => kv.Value);
        var errors = all.Count - ok;
        var throughput = all.Count / wall.Elapsed.TotalSeconds;
        var cpuText = pid is null ? "" : FormattableString.Invariant($", server CPU {cpu * 1000 / Math.Max(1, all.Count):0.00} ms/request ({cpu / wall.Elapsed.TotalSeconds:0.00} cores)");
        var statusText = string.Join(", ", merged.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => FormattableString.Invariant($"{kv.Key}×{kv.Value}")));
        Console.WriteLine(FormattableString.Invariant(
            $"{endpoint} c={concurrency} {wall.Elapsed.TotalSeconds:0.0}s: {all.Count} requests, {throughput:0.0} req/s, p50 {Percentile(all, 0.5):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms, errors {errors}{cpuText}; statuses {statusText}")
            + (retryAfterMissing > 0 ? FormattableString.Invariant($"; {retryAfterMissing} 503 without Retry-After") : ""));
        // Exit code for drills: 1 when a 5xx other than 503 (or a 503 without Retry-After) was seen.
        return merged.Keys.Any(k => k.StartsWith('5') && k != "503") || retryAfterMissing > 0 ? 1 : 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    // utime + stime of the process, from /proc/<pid>/stat (Linux; clock ticks of 1/100 s).
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
