using Microsoft.Data.Sqlite;

namespace SupportAssist.Api.Tests;

/// <summary>
/// Every message of our labelled PII set goes through every endpoint that stores or logs customer text
/// (deflections and their feedback, triage, drafts and their feedback); then the SQLite file and the log
/// (every event, at Debug) are read back and no labelled value is in either.
/// </summary>
public sealed class PiiNeverStoredTests : IDisposable
{
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"supportassist-pii-log-{Guid.NewGuid():N}.json");
    private readonly SupportAssistFactory _factory;

    public PiiNeverStoredTests()
    {
        _factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Information",
            // Request logs at Information too: a query string must never carry a customer's text into the log.
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Information",
            ["Serilog:MinimumLevel:Override:System"] = "Information",
            ["Serilog:WriteTo:1:Name"] = "File",
            ["Serilog:WriteTo:1:Args:path"] = _log,
            ["Serilog:WriteTo:1:Args:formatter"] = "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact",
        });
    }

    public void Dispose()
    {
        _factory.Dispose();
        File.Delete(_log);
    }

    private sealed record Message(string Id, string Text, string? CustomerName, IReadOnlyList<string> Values);

    private static List<Message> ReadSet(string file) =>
        File.ReadLines(Path.Combine(SupportAssistFactory.RepositoryRoot, "evals", "datasets", file))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(m => new Message(
                m.GetProperty("id").GetString()!,
                m.GetProperty("text").GetString()!,
                m.GetProperty("customer_name").ValueKind == JsonValueKind.String ? m.GetProperty("customer_name").GetString() : null,
                m.GetProperty("pii").EnumerateArray().Select(p => p.GetProperty("value").GetString()!).ToList()))
            .ToList();

    [Fact]
    public async Task No_labelled_value_reaches_the_store_or_the_log()
    {
        var messages = ReadSet("pii.jsonl");
        var client = _factory.CreateClient();
        var statuses = new List<(string Call, HttpStatusCode Status)>();
        foreach (var message in messages)
        {
            var deflection = await client.PostAsJsonAsync("/v1/deflections", new { question = message.Text });
            statuses.Add(("deflection", deflection.StatusCode));
            var deflectionId = (await deflection.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            statuses.Add(("deflection feedback", (await client.PostAsJsonAsync($"/v1/deflections/{deflectionId}/feedback", new { kind = "not_helpful", comment = message.Text })).StatusCode));
            statuses.Add(("triage", (await client.PostAsJsonAsync("/v1/triage", new { subject = "Support request", body = message.Text })).StatusCode));
            var query = Uri.EscapeDataString(message.Text.Length > 1000 ? message.Text[..1000] : message.Text);
            statuses.Add(("search", (await client.GetAsync($"/v1/search?q={query}&audience=agent")).StatusCode));
            statuses.Add(("suggestions", (await client.GetAsync($"/v1/suggestions?q={query}")).StatusCode));
            var draft = await client.PostAsJsonAsync("/v1/drafts", new { subject = "Support request", body = message.Text, customer = new { name = message.CustomerName } });
            statuses.Add(("draft", draft.StatusCode));
            var draftId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            statuses.Add(("draft feedback", (await client.PostAsJsonAsync($"/v1/drafts/{draftId}/feedback", new { kind = "edited", finalText = message.Text, comment = message.Text })).StatusCode));
        }
        Assert.All(statuses, s => Assert.True(s.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{s.Call}: {s.Status}"));

        var stored = StoredTexts(_factory.DatabasePath);
        var logged = LoggedTexts(_log);
        Assert.True(stored.Count > messages.Count * 3, $"{stored.Count} stored texts read");
        Assert.True(logged.Count > messages.Count, $"{logged.Count} log strings read");
        // A value that is also in the help center's own articles (what extractive answers quote) cannot be told apart.
        var articles = string.Join("\n", Directory.EnumerateFiles(SupportAssistFactory.SampleHelpCenter, "*.md", SearchOption.AllDirectories).Select(File.ReadAllText));
        var leaks = new List<string>();
        foreach (var message in messages)
        {
            foreach (var value in message.Values.Distinct().Where(v => !ContainsWord(articles, v)))
            {
                if (stored.Any(text => ContainsWord(text, value))) leaks.Add($"{message.Id}: a value is in the store");
                if (logged.Any(text => ContainsWord(text, value))) leaks.Add($"{message.Id}: a value is in the log");
            }
        }
        Assert.Empty(leaks);
    }

    // Every text value of every table that holds what callers sent (article tables hold the help center's own text).
    private static List<string> StoredTexts(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = command.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("outcomes", tables);
        Assert.Contains("outcome_feedback", tables);
        var texts = new List<string>();
        foreach (var table in tables.Where(t => !t.StartsWith("article", StringComparison.Ordinal) && !t.StartsWith("chunk", StringComparison.Ordinal)))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.IsDBNull(i)) continue;
                    texts.Add(reader.GetValue(i) is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!);
                }
            }
        }
        return texts;
    }

    // Every string in every event of the compact JSON log, unescaped.
    private static List<string> LoggedTexts(string path)
    {
        var texts = new List<string>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length > 0) Collect(JsonDocument.Parse(line).RootElement);
        }
        return texts;

        void Collect(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: texts.Add(element.GetString()!); break;
                case JsonValueKind.Object: foreach (var property in element.EnumerateObject()) Collect(property.Value); break;
                case JsonValueKind.Array: foreach (var item in element.EnumerateArray()) Collect(item); break;
            }
        }
    }

    private static bool ContainsWord(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + value.Length >= text.Length ? ' ' : text[at + value.Length];
            if (!char.IsLetterOrDigit(before) && !char.IsLetterOrDigit(after)) return true;
        }
        return false;
    }
}
