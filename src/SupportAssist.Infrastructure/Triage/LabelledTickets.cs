using System.Security.Cryptography;
using System.Text.Json;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>Reads labelled JSONL files (<c>text</c>, <c>label</c>), refusing malformed lines with their file and line number.</summary>
public static class LabelledTickets
{
    /// <summary>The tickets of <paramref name="path"/>, and the SHA-256 (hex) of the file.</summary>
    /// <exception cref="LabelledDataException">A line is not a JSON object with non-empty string <c>text</c> and <c>label</c>.</exception>
    public static (IReadOnlyList<LabelledTicket> Tickets, string Sha256) Read(string path)
    {
        if (!File.Exists(path)) throw new LabelledDataException($"{path}: file not found");
        var bytes = File.ReadAllBytes(path);
        var tickets = new List<LabelledTicket>();
        using var reader = new StringReader(System.Text.Encoding.UTF8.GetString(bytes));
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new LabelledDataException($"{path}:{number}: expected a JSON object");
                var text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var label = root.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                if (string.IsNullOrWhiteSpace(text)) throw new LabelledDataException($"{path}:{number}: 'text' must be a non-empty string");
                if (string.IsNullOrWhiteSpace(label)) throw new LabelledDataException($"{path}:{number}: 'label' must be a non-empty string");
                tickets.Add(new LabelledTicket(text, label.Trim()));
            }
            catch (JsonException error)
            {
                throw new LabelledDataException($"{path}:{number}: not valid JSON ({error.Message})", error);
            }
        }
        if (tickets.Count == 0) throw new LabelledDataException($"{path}: no labelled tickets");
        return (tickets, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
