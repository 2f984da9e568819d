using SupportAssist.Evals.Pii;
using SupportAssist.Evals.Retrieval;

namespace SupportAssist.Evals.Tests;

/// <summary>
/// The redactor's figures on our labelled PII sets (<c>evals/datasets/pii.jsonl</c> and <c>pii-holdout.jsonl</c>), held
/// to the targets the README states: recall 0.99 or more on cards, IBANs, emails, phones, secret keys, bearer tokens
/// and names, 0.90 or more on addresses, birth dates, national ids and passports, and findings in at most 1% of the
/// PII-free messages.
/// </summary>
public sealed class PiiSetTests
{
    private static readonly Dictionary<string, Lazy<(IReadOnlyList<PiiMessage> Messages, PiiScore Score)>> Runs = new[] { "pii.jsonl", "pii-holdout.jsonl" }
        .ToDictionary(file => file, file => new Lazy<(IReadOnlyList<PiiMessage>, PiiScore)>(() =>
        {
            var messages = PiiSet.Read(Path.Combine(EvalHost.RepositoryRoot(), "evals", "datasets", file));
            return (messages, PiiSet.Score(messages));
        }));

    [Fact]
    public void The_set_is_the_size_the_targets_need()
    {
        var (messages, score) = Runs["pii.jsonl"].Value;
        Assert.True(messages.Count >= 300, $"{messages.Count} messages");
        Assert.True(score.CleanMessages >= 100, $"{score.CleanMessages} PII-free messages");
        Assert.Contains(messages, m => m.Language == "en");
        Assert.Contains(messages, m => m.Language == "es");
        Assert.All(PiiSet.Kinds.Keys, kind => Assert.True(score.Outcomes.Count(o => o.Kind == kind) >= 20, $"{kind}: {score.Outcomes.Count(o => o.Kind == kind)} values"));
    }

    public static TheoryData<string, string, double> Targets()
    {
        (string Kind, double Target)[] targets =
        [
            ("card", 0.99), ("iban", 0.99), ("email", 0.99), ("phone", 0.99), ("secret_key", 0.99), ("bearer_token", 0.99), ("name", 0.99),
            ("address", 0.90), ("date_of_birth", 0.90), ("national_id", 0.90), ("passport", 0.90),
        ];
        var data = new TheoryData<string, string, double>();
        foreach (var file in Runs.Keys)
            foreach (var (kind, target) in targets) data.Add(file, kind, target);
        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Recall_per_kind_meets_its_target(string file, string kind, double target)
    {
        var score = Runs[file].Value.Score;
        var missed = score.Outcomes.Where(o => o.Kind == kind && !o.Found).Select(o => o.MessageId);
        Assert.True(score.Recall(kind) >= target, $"{file}: {kind} recall {score.Recall(kind):F3} < {target}; missed in {string.Join(", ", missed)}");
    }

    // Public deflections know no customer name: names must be found from the text alone.
    [Theory]
    [InlineData("pii.jsonl")]
    [InlineData("pii-holdout.jsonl")]
    public void Names_are_found_from_the_text_alone(string file)
    {
        var score = PiiSet.Score(Runs[file].Value.Messages, customerNames: false);
        var missed = score.Outcomes.Where(o => o.Kind == "name" && !o.Found).Select(o => o.MessageId);
        Assert.True(score.Recall("name") >= 0.99, $"{file}: name recall without customer names {score.Recall("name"):F3}; missed in {string.Join(", ", missed)}");
    }

    [Theory]
    [InlineData("pii.jsonl")]
    [InlineData("pii-holdout.jsonl")]
    public void At_most_one_PII_free_message_in_a_hundred_has_a_finding(string file)
    {
        var score = Runs[file].Value.Score;
        Assert.True(score.FalsePositiveRate <= 0.01, $"{file}: false positives {score.FalsePositiveRate:F3}: {string.Join(", ", score.FalsePositiveMessages)}");
    }

    [Fact]
    public void A_value_is_found_only_when_all_of_it_is_hidden()
    {
        var path = Path.GetTempFileName();
        try
        {
            // A card cut at its tenth digit leaves digits visible: not found. Two separate findings that together cover it: found.
            File.WriteAllText(path, """
                {"id": "a", "language": "en", "text": "card 4111111111111111 and IBAN DE89370400440532013000 ok", "customer_name": null, "pii": [{"kind": "card", "value": "4111111111111111"}, {"kind": "iban", "value": "DE89370400440532013000"}]}
                {"id": "b", "language": "en", "text": "Hi Priya, invoice INV-2026-000123 is paid.", "customer_name": null, "pii": [{"kind": "name", "value": "Priya"}]}
                {"id": "c", "language": "en", "text": "Order 4111 1111 1111 1111 shipped", "customer_name": null, "pii": []}
                """);
            var score = PiiSet.Score(PiiSet.Read(path));
            Assert.Equal(1.0, score.Recall());
            Assert.Equal(["c"], score.FalsePositiveMessages);
            Assert.Equal(1.0, score.KindAccuracy);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{"id": "a", "language": "en", "text": "hi", "pii": [{"kind": "ssn", "value": "hi"}]}""", "unknown kind 'ssn'")]
    [InlineData("""{"id": "a", "language": "en", "text": "hi", "pii": [{"kind": "name", "value": "Ana"}]}""", "a name value is not in the text")]
    [InlineData("not json", "not a PII message")]
    public void A_malformed_set_is_refused_with_its_line(string line, string message)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, line + "\n");
            var error = Assert.Throws<DatasetException>(() => PiiSet.Read(path));
            Assert.Contains(":1: ", error.Message, StringComparison.Ordinal);
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
