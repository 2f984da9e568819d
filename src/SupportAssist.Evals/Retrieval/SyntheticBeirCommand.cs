using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SupportAssist.Evals.Retrieval;

/// <summary>
/// <c>synthetic-beir --documents N --queries M --out DIR</c>: a deterministic BEIR-layout dataset for timing the
/// retrieval suite at scale. Documents are 80 words drawn from a Zipf law over 20,000 made-up words (with a
/// 4-word title); each query is five words of one document that are not among the 100 commonest, and that
/// document is its one relevant answer. The quality figures on it mean little; the timings are the point.
/// </summary>
internal static class SyntheticBeirCommand
{
    public static Command Create()
    {
        var documents = new Option<int>("--documents") { Description = "Number of documents", DefaultValueFactory = _ => 10_000 };
        var queries = new Option<int>("--queries") { Description = "Number of queries", DefaultValueFactory = _ => 5_000 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write", Required = true };
        var command = new Command("synthetic-beir", "Write a synthetic BEIR-layout dataset for timing the retrieval suite") { documents, queries, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(folder);
            var random = new Random(20261125);
            var vocabulary = Enumerable.Range(0, 20_000).Select(i => Word(i)).ToArray();
            // Zipf weights: the i-th word is drawn in proportion to 1 / (i + 1).
            var cumulative = new double[vocabulary.Length];
            var total = 0.0;
            for (var i = 0; i < vocabulary.Length; i++) cumulative[i] = total += 1.0 / (i + 1);
            int Draw()
            {
                var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
                return Math.Min(index < 0 ? ~index : index, vocabulary.Length - 1);
            }
            var corpus = new StringBuilder();
            var bodies = new List<int[]>(parse.GetValue(documents));
            for (var d = 0; d < parse.GetValue(documents); d++)
            {
                var words = Enumerable.Range(0, 80).Select(_ => Draw()).ToArray();
                bodies.Add(words);
                var title = string.Join(' ', Enumerable.Range(0, 4).Select(_ => vocabulary[Draw()]));
                corpus.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = $"doc{d}", ["title"] = title, ["text"] = string.Join(' ', words.Select(w => vocabulary[w])) })).Append('\n');
            }
            var queryLines = new StringBuilder();
            var qrels = new StringBuilder("query-id\tcorpus-id\tscore\n");
            for (var q = 0; q < parse.GetValue(queries); q++)
            {
                var target = random.Next(bodies.Count);
                var content = bodies[target].Where(w => w >= 100).Distinct().OrderBy(_ => random.Next()).Take(5).Select(w => vocabulary[w]);
                queryLines.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = $"q{q}", ["text"] = string.Join(' ', content) })).Append('\n');
                qrels.Append(CultureInfo.InvariantCulture, $"q{q}\tdoc{target}\t1\n");
            }
            await File.WriteAllTextAsync(Path.Combine(folder, "corpus.jsonl"), corpus.ToString(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "queries.jsonl"), queryLines.ToString(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "qrels.tsv"), qrels.ToString(), cancellationToken);
            Console.WriteLine($"{bodies.Count} documents and {parse.GetValue(queries)} queries written to {folder}");
            return 0;
        });
        return command;
    }

    // Pronounceable made-up words from the index: consonant-vowel syllables.
    private static string Word(int index)
    {
        const string consonants = "bcdfghklmnprstvz";
        const string vowels = "aeiou";
        var word = new StringBuilder();
        var n = index + 20;
        while (n > 0)
        {
            word.Append(consonants[n % consonants.Length]).Append(vowels[(n / consonants.Length) % vowels.Length]);
            n /= consonants.Length * vowels.Length;
        }
        return word.ToString();
    }
}
