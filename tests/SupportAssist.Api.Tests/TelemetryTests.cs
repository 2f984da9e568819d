using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SupportAssist.Diagnostics;

namespace SupportAssist.Api.Tests;

/// <summary>
/// Traces, metrics and log correlation on the real host: our instruments read back through OpenTelemetry's in-memory
/// exporter after a forced flush, spans through the in-memory span exporter, and <c>/metrics</c> as Prometheus scrapes it.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class TelemetryTests
{
    private const string AdminKey = "telemetry-admin-key-0123456789";
    private const string RefundQuestion = "how do I refund a payment from the dashboard";
    private const string HandoffQuestion = "how do I refund a payment? I want to talk to a human";
    private const string SpanHeader = "X-Test-Span-Id";

    [Fact]
    public async Task Our_instruments_report_decisions_evidence_latencies_the_write_queue_and_rate_limit_rejections()
    {
        var metrics = new List<MetricSnapshot>();
        using var factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["SupportAssist:Limits:Enabled"] = "true",
            ["SupportAssist:Limits:Public:PermitLimit"] = "2",
            ["SupportAssist:Limits:Public:WindowSeconds"] = "3600",
        });
        using var host = WithMetrics(factory, metrics);
        var client = host.CreateClient();

        var answered = await client.PostAsJsonAsync("/v1/deflections", new { question = RefundQuestion });
        var handedOff = await client.PostAsJsonAsync("/v1/deflections", new { question = HandoffQuestion });
        var refused = await client.PostAsJsonAsync("/v1/deflections", new { question = RefundQuestion });
        var search = await client.GetAsync(new Uri("/v1/search?q=refund&k=3", UriKind.Relative));
        var triage = await client.PostAsJsonAsync("/v1/triage", new { subject = "Refund", body = "How do I refund a payment?" });
        var collected = Flush(host, metrics);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { answered, handedOff, refused, search, triage }.Select(r => r.StatusCode));
        Assert.Equal(1, Sum(collected, SupportAssistMetrics.Decisions, ("kind", "deflection"), ("decision", "answer")));
        Assert.Equal(1, Sum(collected, SupportAssistMetrics.Decisions, ("kind", "deflection"), ("decision", "handoff")));
        Assert.Equal(1, Sum(collected, SupportAssistMetrics.Decisions, ("kind", "triage")));
        Assert.Equal(3, Sum(collected, SupportAssistMetrics.Decisions));

        var confidence = Histogram(collected, SupportAssistMetrics.Confidence, ("kind", "deflection"));
        Assert.Equal(2, confidence.Count);
        Assert.InRange(confidence.Min, 0, 1);
        Assert.InRange(confidence.Max, 0, 1);
        Assert.Equal(1, Histogram(collected, SupportAssistMetrics.Confidence, ("kind", "triage")).Count);

        // Two deflections and one search retrieved (the refused request never reached the service); triage does not retrieve.
        var topScore = Histogram(collected, SupportAssistMetrics.TopScore);
        Assert.Equal(3, topScore.Count);
        Assert.InRange(topScore.Max, 0.01, 1);
        var retrieval = Histogram(collected, SupportAssistMetrics.RetrievalDuration, ("mode", "hybrid"), ("degraded", false));
        Assert.Equal(3, retrieval.Count);
        Assert.True(retrieval.Sum > 0);

        // Only the answered deflection was composed, by the extractive composer.
        var composer = Histogram(collected, SupportAssistMetrics.ComposerDuration, ("composer", "extractive"), ("task", "answer"));
        Assert.Equal(1, composer.Count);
        Assert.Equal(1, Histogram(collected, SupportAssistMetrics.ComposerDuration).Count);
        Assert.DoesNotContain(collected, m => m.Name == SupportAssistMetrics.LlmTokens && m.MetricPoints.Count > 0);

        // The three outcomes went through the group-commit writer; its queue is drained by the time they are acknowledged.
        var batches = Histogram(collected, SupportAssistMetrics.WriteBatchSize);
        Assert.True(batches.Sum >= 3, $"batched writes: {batches.Sum}");
        Assert.InRange(batches.Count, 1, (long)batches.Sum);
        Assert.Equal(0, Gauge(collected, SupportAssistMetrics.WriteQueueDepth));

        Assert.Equal(1, Sum(collected, SupportAssistMetrics.RateLimitRejections, ("endpoint_class", "public")));
        Assert.Equal(1, Sum(collected, SupportAssistMetrics.RateLimitRejections));

        // The standard instrumentation is on too: ASP.NET Core's request durations and the runtime's meters.
        Assert.Contains(collected, m => m.Name == "http.server.request.duration");
        Assert.Contains(collected, m => m.MeterName == "System.Runtime");
    }

    [Fact]
    public async Task Language_model_tokens_and_cost_are_counted_by_direction_and_the_composer_is_tagged_llm()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var metrics = new List<MetricSnapshot>();
        using var factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["SupportAssist:Llm:Provider"] = "openai-compatible",
            ["SupportAssist:Llm:Endpoint"] = server.OpenAiBaseUrl.ToString(),
            ["SupportAssist:Llm:Model"] = "fake-model",
            ["SupportAssist:Llm:PromptsFolder"] = Path.Combine(SupportAssistFactory.RepositoryRoot, "prompts"),
            ["SupportAssist:Llm:InputPricePerMillionTokens"] = "0.15",
            ["SupportAssist:Llm:OutputPricePerMillionTokens"] = "0.6",
            ["SupportAssist:Llm:Resilience:MaxRetries"] = "0",
        });
        using var host = WithMetrics(factory, metrics);
        server.Enqueue(FakeReply.Chat("Open the payment in the dashboard and select Refund [1].", promptTokens: 2000, completionTokens: 100));

        var response = await host.CreateClient().PostAsJsonAsync("/v1/deflections", new { question = RefundQuestion });
        var collected = Flush(host, metrics);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2000, Sum(collected, SupportAssistMetrics.LlmTokens, ("kind", "deflection"), ("direction", "input")));
        Assert.Equal(100, Sum(collected, SupportAssistMetrics.LlmTokens, ("kind", "deflection"), ("direction", "output")));
        // 2000 × 0.15 + 100 × 0.6 per million tokens.
        Assert.Equal(0.00036, Sum(collected, SupportAssistMetrics.LlmCost, ("kind", "deflection")), 9);
        Assert.Equal(1, Histogram(collected, SupportAssistMetrics.ComposerDuration, ("composer", "llm"), ("task", "answer"), ("degraded", false)).Count);
        // The model was called over HttpClient, which is instrumented too.
        Assert.Contains(collected, m => m.Name == "http.client.request.duration");
    }

    [Fact]
    public async Task A_log_event_written_during_a_request_carries_the_trace_and_span_of_the_request_and_its_request_id()
    {
        var spans = new List<Activity>();
        using var factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Information",
        });
        using var host = factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.AddSingleton<IStartupFilter, EchoRequestSpan>();
        }));
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/deflections") { Content = JsonContent.Create(new { question = RefundQuestion }) };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var response = await host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestSpan = response.Headers.GetValues(SpanHeader).Single();
        var decided = Assert.Single(factory.Log.Events, e => e.MessageTemplate.Text.StartsWith("Deflection {OutcomeId} decided", StringComparison.Ordinal));
        Assert.Equal(traceId, decided.TraceId);
        Assert.Equal(requestSpan, decided.SpanId?.ToHexString());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), decided.Properties["RequestId"].ToString().Trim('"'));

        // Retrieval and composition are spans of their own under the request's span.
        var steps = spans.Where(s => s.TraceId == traceId && s.Source.Name == SupportAssistTelemetry.Name).ToList();
        Assert.Equal(["compose answer", "retrieve"], steps.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.All(steps, s => Assert.Equal(requestSpan, s.ParentSpanId.ToHexString()));
        Assert.Equal("extractive", Assert.Single(steps, s => s.DisplayName == "compose answer").GetTagItem("supportassist.composer"));
    }

    [Fact]
    public async Task The_Prometheus_endpoint_needs_an_admin_key_and_serves_our_metrics_as_Prometheus_text()
    {
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?> { ["SupportAssist:Security:AdminApiKeys:0"] = AdminKey });
        // A host setting, as appsettings, the environment or the command line give it: read when the exporter is registered.
        using var host = factory.WithWebHostBuilder(web => web.UseSetting("SupportAssist:Telemetry:Prometheus", "true"));
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/deflections", new { question = RefundQuestion })).StatusCode);

        var anonymous = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Add("X-Api-Key", AdminKey);
        var scraped = await client.SendAsync(scrape);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Equal("text/plain", scraped.Content.Headers.ContentType?.MediaType);
        var text = await scraped.Content.ReadAsStringAsync();
        // With no article indexed the question goes to a person.
        Assert.Contains("supportassist_decisions_total{", text, StringComparison.Ordinal);
        Assert.Contains("decision=\"handoff\"", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE supportassist_retrieval_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_Prometheus_on_too_late_for_the_exporter_fails_start_up_naming_the_setting()
    {
        // Test settings arrive after the host's registrations have run, as a configuration source added late would.
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?> { ["SupportAssist:Telemetry:Prometheus"] = "true" });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("SupportAssist:Telemetry:Prometheus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_traces_and_metrics_are_exported_to_it_over_http_protobuf()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?>
        {
            ["SupportAssist:Telemetry:OtlpEndpoint"] = collector.Root.ToString(),
            ["SupportAssist:Telemetry:OtlpProtocol"] = "http/protobuf",
        });
        var response = await factory.CreateClient().PostAsJsonAsync("/v1/deflections", new { question = RefundQuestion });

        // Flushing exports what has ended so far (the retrieval span at least) and every instrument, synchronously.
        Assert.True(factory.Services.GetRequiredService<TracerProvider>().ForceFlush());
        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(("/v1/traces", "application/x-protobuf"), collector.Received);
        Assert.Contains(("/v1/metrics", "application/x-protobuf"), collector.Received);
    }

    [Theory]
    [InlineData("collector:4317")]
    [InlineData("/v1/traces")]
    public void An_OTLP_endpoint_that_is_not_an_http_address_fails_start_up_naming_the_setting(string endpoint)
    {
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?> { ["SupportAssist:Telemetry:OtlpEndpoint"] = endpoint });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("SupportAssist:Telemetry:OtlpEndpoint", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_Prometheus_there_is_no_metrics_endpoint()
    {
        using var factory = new SupportAssistFactory(settings: new Dictionary<string, string?> { ["SupportAssist:Security:AdminApiKeys:0"] = AdminKey });
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Add("X-Api-Key", AdminKey);

        var response = await factory.CreateClient().SendAsync(scrape);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static WebApplicationFactory<Program> WithMetrics(SupportAssistFactory factory, List<MetricSnapshot> metrics) =>
        factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics))));

    // Collects every instrument now; cumulative temporality, so the last export holds the totals.
    private static List<MetricSnapshot> Flush(WebApplicationFactory<Program> host, List<MetricSnapshot> metrics)
    {
        metrics.Clear();
        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush());
        return [.. metrics];
    }

    private static IEnumerable<MetricPoint> Points(List<MetricSnapshot> metrics, string name, (string Key, object Value)[] tags)
    {
        var metric = metrics.Where(m => m.MeterName == SupportAssistTelemetry.Name && m.Name == name).ToList();
        Assert.True(metric.Count == 1, $"{name}: {metric.Count} metrics exported");
        return metric[0].MetricPoints.Where(point => tags.All(tag => HasTag(point, tag.Key, tag.Value)));
    }

    private static bool HasTag(MetricPoint point, string key, object value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key) return Equals(tag.Value, value);
        }
        return false;
    }

    private static double Sum(List<MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags)
    {
        var type = metrics.Single(m => m.MeterName == SupportAssistTelemetry.Name && m.Name == name).MetricType;
        return Points(metrics, name, tags).Sum(p => type == MetricType.LongSum ? p.GetSumLong() : p.GetSumDouble());
    }

    private static (long Count, double Sum, double Min, double Max) Histogram(List<MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags)
    {
        var points = Points(metrics, name, tags).ToList();
        var min = double.MaxValue;
        var max = double.MinValue;
        foreach (var point in points)
        {
            if (!point.TryGetHistogramMinMaxValues(out var low, out var high)) continue;
            min = Math.Min(min, low);
            max = Math.Max(max, high);
        }
        return (points.Sum(p => p.GetHistogramCount()), points.Sum(p => p.GetHistogramSum()), min, max);
    }

    private static long Gauge(List<MetricSnapshot> metrics, string name) => Assert.Single(Points(metrics, name, [])).GetGaugeLastValueLong();

    // An OTLP/HTTP receiver on loopback that accepts every export and remembers its path and content type.
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Path, string ContentType)> _received = new();

        private OtlpReceiver(WebApplication app) => _app = app;

        public Uri Root { get; private set; } = null!;

        public IReadOnlyList<(string Path, string ContentType)> Received => [.. _received];

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new OtlpReceiver(app);
            app.Run(async context =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                receiver._received.Enqueue((context.Request.Path.Value!, context.Request.ContentType ?? ""));
                context.Response.StatusCode = StatusCodes.Status200OK;
            });
            await app.StartAsync();
            receiver.Root = new Uri(app.Urls.Single().TrimEnd('/') + "/");
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    // Puts the request's span id (the hosting activity, current when the pipeline starts) in a response header.
    private sealed class EchoRequestSpan : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextStep) =>
            {
                context.Response.Headers[SpanHeader] = Activity.Current?.SpanId.ToHexString();
                return nextStep(context);
            });
            next(app);
        };
    }
}
