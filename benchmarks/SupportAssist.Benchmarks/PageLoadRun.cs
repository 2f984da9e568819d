using System.Diagnostics;
using Microsoft.Playwright;

namespace SupportAssist.Benchmarks;

/// <summary>
/// A bounded loopback run against a running service: first contentful paint of <c>/contact</c> in Debian's Chromium
/// (50 fresh loads, cold cache each), the public suggestions call as the contact page makes it (300 calls, one at a
/// time, eight questions of the sample help center), and the gzipped size of the widget's files. Refuses any address
/// that is not loopback; stops by itself.
/// </summary>
internal static class PageLoadRun
{
    private const int Loads = 50;
    private const int Calls = 300;

    private static readonly string[] Questions =
    [
        "how do I refund a payment", "my payout has not arrived", "change the bank account for payouts", "what fees do you charge",
        "customer disputes a charge", "set up two factor authentication", "cancel a subscription", "webhook signature verification",
    ];

    public static async Task RunAsync(string baseUrl)
    {
        var uri = new Uri(baseUrl);
        if (!uri.IsLoopback) throw new ArgumentException("The page-load run targets loopback addresses only.", nameof(baseUrl));
        var chromium = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium not found (apt-get install chromium, or set CHROMIUM_PATH).");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var paints = new List<double>();
        for (var i = 0; i <= Loads; i++)
        {
            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(uri, "/contact").ToString(), new() { WaitUntil = WaitUntilState.Load });
            // The paint entry may be recorded after the load event: wait for it (buffered, so an earlier one counts).
            var paint = await page.EvaluateAsync<double>(
                "new Promise(done => new PerformanceObserver(list => { const e = list.getEntriesByName('first-contentful-paint')[0]; if (e) done(e.startTime); }).observe({ type: 'paint', buffered: true }))");
            if (i > 0 && paint >= 0) paints.Add(paint); // the first load warms the server
        }

        using var http = new HttpClient { BaseAddress = uri };
        var latencies = new List<double>();
        for (var i = 0; i < Calls + 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync($"/v1/suggestions?q={Uri.EscapeDataString(Questions[i % Questions.Length])}&locale=en");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            if (i >= 20) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var widget = 0L;
        foreach (var file in new[] { "/js/widget.js", "/js/contact.js", "/css/site.css" })
        {
            var bytes = await http.GetByteArrayAsync(file);
            using var buffer = new MemoryStream();
            await using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
                await gzip.WriteAsync(bytes);
            widget += buffer.Length;
        }

        Console.WriteLine($"/contact first contentful paint over {paints.Count} loads: p50 {Percentile(paints, 0.5):0.0} ms, p95 {Percentile(paints, 0.95):0.0} ms, max {paints.Max():0.0} ms");
        Console.WriteLine($"GET /v1/suggestions over {latencies.Count} calls: p50 {Percentile(latencies, 0.5):0.00} ms, p95 {Percentile(latencies, 0.95):0.00} ms");
        Console.WriteLine($"widget (widget.js + contact.js + site.css) gzipped: {widget} bytes");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
