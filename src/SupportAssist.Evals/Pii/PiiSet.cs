using System.Text.Json;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Privacy;

namespace SupportAssist.Evals.Pii;

/// <summary>
/// The labelled PII set (<c>evals/datasets/pii.jsonl</c>: id, language, text, customer_name, pii [{kind, value}]) and
/// how the redactor is scored on it. A value counts as found when every letter and digit of every occurrence of it
/// is inside a finding (a placeholder of another kind still hides it: that is scored apart, as kind accuracy); a
/// PII-free message with any finding is a false positive.
/// </summary>
public static class PiiSet
{
    /// <summary>The label kinds and the redactor's kind for each.</summary>
    public static readonly IReadOnlyDictionary<string, PiiKind> Kinds = new Dictionary<string, PiiKind>(StringComparer.Ordinal)
    {
        ["card"] = PiiKind.CardNumber,
        ["iban"] = PiiKind.Iban,
        ["email"] = PiiKind.Email,
        ["phone"] = PiiKind.Phone,
        ["secret_key"] = PiiKind.SecretKey,
        ["bearer_token"] = PiiKind.BearerToken,
        ["name"] = PiiKind.Name,
        ["address"] = PiiKind.Address,
        ["date_of_birth"] = PiiKind.DateOfBirth,
        ["national_id"] = PiiKind.NationalId,
        ["passport"] = PiiKind.Passport,
    };

    /// <summary>Reads the set.</summary>
    /// <exception cref="DatasetException">The file is missing, a line is not a message, a kind is unknown or a value is not in its text.</exception>
    public static IReadOnlyList<PiiMessage> Read(string path)
    {
        if (!File.Exists(path)) throw new DatasetException($"{path}: not found");
        var messages = new List<PiiMessage>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                var root = JsonDocument.Parse(line).RootElement;
                var text = root.GetProperty("text").GetString() ?? throw new DatasetException($"{path}:{number}: 'text' is null");
                var labels = new List<(string, string)>();
                foreach (var label in root.GetProperty("pii").EnumerateArray())
                {
                    var kind = label.GetProperty("kind").GetString() ?? "";
                    var value = label.GetProperty("value").GetString() ?? "";
                    if (!Kinds.ContainsKey(kind)) throw new DatasetException($"{path}:{number}: unknown kind '{kind}' (one of {string.Join(", ", Kinds.Keys)})");
                    if (value.Length == 0 || !text.Contains(value, StringComparison.Ordinal)) throw new DatasetException($"{path}:{number}: a {kind} value is not in the text");
                    labels.Add((kind, value));
                }
                var name = root.TryGetProperty("customer_name", out var customer) && customer.ValueKind == JsonValueKind.String ? customer.GetString() : null;
                messages.Add(new PiiMessage(root.GetProperty("id").GetString() ?? $"line-{number}", root.GetProperty("language").GetString() ?? "", text, name, labels));
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new DatasetException($"{path}:{number}: not a PII message ({error.Message})", error);
            }
        }
        return messages;
    }

    /// <summary>
    /// Runs the redactor over every message and scores it: with the customer's name, as drafts pass it, or, with
    /// <paramref name="customerNames"/> false, from the text alone, as public deflections (which know no name) must.
    /// </summary>
    public static PiiScore Score(IReadOnlyList<PiiMessage> messages, bool customerNames = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new List<PiiOutcome>();
        var falsePositives = new List<string>();
        int clean = 0, findings = 0, spurious = 0;
        foreach (var message in messages)
        {
            var redaction = PiiRedactor.Redact(message.Text, customerNames ? [message.CustomerName] : null);
            findings += redaction.Findings.Count;
            if (message.Labels.Count == 0)
            {
                clean++;
                spurious += redaction.Findings.Count;
                if (redaction.Findings.Count > 0) falsePositives.Add(message.Id);
                continue;
            }
            var cover = new PiiFinding?[message.Text.Length];
            foreach (var finding in redaction.Findings)
                for (var i = finding.Start; i < finding.Start + finding.Length; i++) cover[i] = finding;
            var labelled = new bool[message.Text.Length];
            foreach (var (kind, value) in message.Labels)
            {
                bool found = true, kindMatches = true;
                for (var at = message.Text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = message.Text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
                {
                    for (var i = at; i < at + value.Length; i++)
                    {
                        labelled[i] = true;
                        if (!char.IsLetterOrDigit(message.Text[i])) continue;
                        if (cover[i] is not { } finding) found = false;
                        else if (finding.Kind != Kinds[kind]) kindMatches = false;
                    }
                }
                outcomes.Add(new PiiOutcome(message.Id, message.Language, kind, value, found, found && kindMatches));
            }
            spurious += redaction.Findings.Count(f => !Enumerable.Range(f.Start, f.Length).Any(i => labelled[i]));
        }
        return new PiiScore(outcomes, clean, falsePositives, findings, spurious);
    }
}
