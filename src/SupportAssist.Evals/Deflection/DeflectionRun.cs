using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Deflection;
using SupportAssist.Evals.HelpCenters;
using SupportAssist.Evals.Reports;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Evaluation;
using SupportAssist.Infrastructure;

namespace SupportAssist.Evals.Deflection;

/// <summary>Runs an eval set through the service's <see cref="DeflectionService"/> on a help center.</summary>
internal static class DeflectionRun
{
    /// <summary>
    /// Questions go to the held-out test split by a fixed rule on their text (the first byte of its SHA-256 below 77,
    /// about 30%), so the split never changes with the order of the file and a policy is never fitted on it.
    /// </summary>
    public static bool IsTest(string question) => SHA256.HashData(Encoding.UTF8.GetBytes(question))[0] < 77;

    public static async Task<(HelpCenter HelpCenter, List<DeflectionRunCase> Cases, string Embedder)> RunAsync(
        IReadOnlyList<DeflectionQuestion> questions, FileSystemInfo? helpCenter, IDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(overrides)
        {
            // Every question that could be answered is composed; the thresholds are applied to the recorded probabilities afterwards.
            [$"{DeflectionOptions.Section}:AnswerThreshold"] = "0",
            [$"{DeflectionOptions.Section}:SuggestThreshold"] = "0",
        };
        await using var host = await EvalHost.StartAsync(settings, cancellationToken, builder =>
        {
            builder.AddLanguageModels();
            builder.AddDeflection();
        });
        var center = await HelpCenter.IndexAsync(helpCenter, host.Services, cancellationToken);
        var deflection = host.Services.GetRequiredService<DeflectionService>();
        var cases = await ProgressBars.RunAsync(async progress =>
        {
            var cases = new List<DeflectionRunCase>();
            for (var i = 0; i < questions.Count; i++)
            {
                var q = questions[i];
                var decided = await deflection.DeflectAsync(new DeflectionRequest(q.Question, q.Locale, null, null, null), cancellationToken);
                var cited = decided.Answer?.Citations.Select(c => center.DatasetId(c.ArticleId)).ToHashSet(StringComparer.Ordinal) ?? [];
                var composed = decided.Decision == DeflectionDecision.Answer;
                cases.Add(new DeflectionRunCase(q, composed, composed && q.Expected == ExpectedOutcome.Answerable && cited.Overlaps(q.Articles),
                    decided.Probability, decided.Evidence, decided.Decision == DeflectionDecision.ContactSupport && decided.Handoff.Count > 0, cited,
                    decided.SuggestedArticles.Select(a => center.DatasetId(a.ArticleId)).ToList()));
                progress.Report(("deflecting", i + 1, questions.Count));
            }
            return cases;
        });
        return (center, cases, Knowledge.EmbedderIdentity.Of(host.Services.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>()));
    }

    /// <summary>Reads a deflection eval set (JSONL: question, expected_articles, must_go_to_human, locale).</summary>
    /// <exception cref="DatasetException">The file is missing, empty or has a malformed line (named).</exception>
    public static List<DeflectionQuestion> Read(string path)
    {
        if (!File.Exists(path)) throw new DatasetException($"{path}: file not found");
        var questions = new List<DeflectionQuestion>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new DatasetException($"{path}:{number}: expected a JSON object");
                var question = root.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString()! : throw new DatasetException($"{path}:{number}: 'question' must be a string");
                var human = root.TryGetProperty("must_go_to_human", out var h) && h.ValueKind == JsonValueKind.True;
                var articles = root.TryGetProperty("expected_articles", out var a) && a.ValueKind == JsonValueKind.Array
                    ? a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new DatasetException($"{path}:{number}: 'expected_articles' must hold strings")).ToHashSet(StringComparer.Ordinal)
                    : new HashSet<string>(StringComparer.Ordinal);
                var locale = root.TryGetProperty("locale", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                var expected = human ? ExpectedOutcome.Human : articles.Count > 0 ? ExpectedOutcome.Answerable : ExpectedOutcome.Unanswerable;
                questions.Add(new DeflectionQuestion(question, locale, expected, articles, IsTest(question)));
            }
            catch (JsonException error)
            {
                throw new DatasetException($"{path}:{number}: not valid JSON ({error.Message})", error);
            }
        }
        if (questions.Count == 0) throw new DatasetException($"{path}: no questions");
        return questions;
    }

    /// <summary>A number for reports.</summary>
    public static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
