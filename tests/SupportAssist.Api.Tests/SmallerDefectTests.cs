using System.Net.Sockets;

namespace SupportAssist.Api.Tests;

/// <summary>The smaller defects of the trust review (issue 15), one test each.</summary>
public sealed class SmallerDefectTests : IDisposable
{
    private readonly SupportAssistFactory _factory = new();
    private readonly HttpClient _client;

    public SmallerDefectTests() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task An_NDJSON_import_with_invalid_UTF_8_is_refused_and_imports_nothing()
    {
        var valid = Encoding.UTF8.GetBytes("{\"id\": \"utf8-first\", \"title\": \"First\", \"body\": \"A valid line.\"}\n{\"id\": \"utf8-second\", \"title\": \"Second\", \"body\": \"Bad ");
        byte[] body = [.. valid, 0xC3, 0x28, .. Encoding.UTF8.GetBytes(" byte.\"}\n")];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-ndjson");

        var response = await _client.PostAsync("/v1/articles/import", content);

        var messages = await response.AssertFieldErrorAsync("body");
        Assert.Contains("not valid UTF-8", messages[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/articles/utf8-first")).StatusCode);
    }

    [Fact]
    public async Task An_NDJSON_import_in_UTF_16_is_refused_even_with_a_byte_order_mark()
    {
        var content = new ByteArrayContent(new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true).GetPreamble()
            .Concat(Encoding.Unicode.GetBytes("{\"id\": \"utf16-line\", \"title\": \"T\", \"body\": \"B\"}\n")).ToArray());
        content.Headers.ContentType = new("application/x-ndjson");

        var response = await _client.PostAsync("/v1/articles/import", content);

        await response.AssertFieldErrorAsync("body");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/articles/utf16-line")).StatusCode);
    }

    [Fact]
    public async Task An_NDJSON_import_with_a_UTF_8_byte_order_mark_is_read()
    {
        var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"id\": \"utf8-bom-line\", \"title\": \"T\", \"body\": \"B\"}\n")]);
        content.Headers.ContentType = new("application/x-ndjson");

        var response = await _client.PostAsync("/v1/articles/import", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/v1/articles/utf8-bom-line")).StatusCode);
    }

    [Theory]
    [InlineData("{\"title\": \"Refund policy\", \"body\": \"Internal only.\", \"audience\": null}")]
    [InlineData("{\"title\": \"Refund policy\", \"body\": \"Internal only.\", \"audience\": 5}")]
    [InlineData("{\"title\": \"Refund policy\", \"body\": \"Internal only.\", \"audience\": \"secret\"}")]
    // A lone surrogate, found by the fuzz suite (it was a 500).
    [InlineData("{\"title\": \"Refund policy\", \"body\": \"Internal only.\", \"audience\": \"\\ud800\"}")]
    public async Task An_audience_that_is_null_or_not_a_known_name_is_refused_and_nothing_is_stored(string body)
    {
        var response = await _client.PutAsync("/v1/articles/audience-test", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertFieldErrorAsync("audience");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/articles/audience-test")).StatusCode);
    }

    [Fact]
    public async Task An_import_refused_whole_leaves_no_audit_entry()
    {
        var content = new StringContent("not json\n{\"title\": \"no id\"}\n", Encoding.UTF8, "application/x-ndjson");

        var response = await _client.PostAsync("/v1/articles/import", content);
        var audit = await _client.GetFromJsonAsync<JsonElement>("/v1/audit");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(audit.GetProperty("records").EnumerateArray(), e => e.GetProperty("action").GetString() == "article.import");
    }

    [Fact]
    public async Task Leaving_the_audience_out_still_means_public()
    {
        var response = await _client.PutAsJsonAsync("/v1/articles/audience-default", new { title = "Fees", body = "Card payments cost 2.9%." });
        var stored = await _client.GetFromJsonAsync<JsonElement>("/v1/articles/audience-default");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("public", stored.GetProperty("audience").GetString());
    }

    [Fact]
    public async Task Concurrent_writes_of_one_new_article_report_created_once()
    {
        var article = new { title = "Concurrent article", body = "Written by twenty-four clients at once." };

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => _client.PutAsJsonAsync("/v1/articles/concurrent-new", article)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
            Assert.Equal("unchanged", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}

/// <summary>What Kestrel would refuse with an empty body before any middleware ran, refused by the service with a problem.</summary>
public sealed class ServerLimitTests : IDisposable
{
    private readonly SupportAssistFactory _factory = new();

    public ServerLimitTests()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    public void Dispose() => _factory.Dispose();

    // Raw HTTP/1.1 over a socket, so nothing on the client side shortens or refuses the request.
    private async Task<(int Status, string Headers, string Body)> SendRawAsync(string request)
    {
        var address = _factory.CreateClient().BaseAddress!;
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? response : response[..split];
        return (int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), head, split < 0 ? "" : response[(split + 4)..]);
    }

    [Fact]
    public async Task A_URL_over_8_KB_is_a_414_problem_with_the_request_id()
    {
        var (status, headers, body) = await SendRawAsync($"GET /v1/search?q={new string('a', 9000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(414, status);
        Assert.Contains("application/problem+json", headers, StringComparison.Ordinal);
        Assert.Contains("X-Request-Id:", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"requestId\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_over_32_KB_are_a_431_problem()
    {
        var (status, headers, body) = await SendRawAsync($"GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: {new string('b', 33 * 1024)}\r\nConnection: close\r\n\r\n");

        Assert.Equal(431, status);
        Assert.Contains("application/problem+json", headers, StringComparison.Ordinal);
        Assert.Contains("\"requestId\"", body, StringComparison.Ordinal);
    }
}
