using System.CommandLine;
using System.Text;
using System.Text.Json;
using SupportAssist.Infrastructure.KnowledgeBase;
using SupportAssist.Knowledge;

namespace SupportAssist.Evals.Retrieval;

/// <summary>
/// <c>export-beir --help-center DIR --questions FILE --out DIR</c>: turns a help center and a deflection question
/// set into a BEIR-layout retrieval dataset: the public articles are the corpus, the answerable questions the
/// queries, and their expected articles the qrels (score 1).
/// </summary>
internal static class ExportBeirCommand
{
    public static Command Create()
    {
        var helpCenter = new Option<DirectoryInfo>("--help-center") { Description = "Folder of Markdown articles", Required = true };
        var questions = new Option<FileInfo>("--questions") { Description = "JSONL with \"question\" and \"expected_articles\" (null for unanswerable: left out)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write corpus.jsonl, queries.jsonl and qrels.tsv", Required = true };
        var command = new Command("export-beir", "Export a help center and its questions as a BEIR-layout retrieval dataset") { helpCenter, questions, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var articles = (await MarkdownArticleReader.ReadFolderAsync(parse.GetValue(helpCenter)!.FullName, cancellationToken))
                .Select(f => f.Article).OfType<Article>().Where(a => a.Audience == ArticleAudience.Public && a.Published).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
            var ids = articles.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            var folder = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(folder);
            var json = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            await File.WriteAllLinesAsync(Path.Combine(folder, "corpus.jsonl"),
                articles.Select(a => JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = a.Id, ["title"] = a.Title, ["text"] = a.Body }, json)), cancellationToken);
            var queries = new StringBuilder();
            var qrels = new StringBuilder("query-id\tcorpus-id\tscore\n");
            var number = 0;
            var written = 0;
            foreach (var line in await File.ReadAllLinesAsync(parse.GetValue(questions)!.FullName, cancellationToken))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (!root.TryGetProperty("expected_articles", out var expected) || expected.ValueKind != JsonValueKind.Array) continue;
                if (root.TryGetProperty("must_go_to_human", out var human) && human.ValueKind == JsonValueKind.True) continue;
                var id = $"q{number}";
                queries.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = id, ["text"] = root.GetProperty("question").GetString()! }, json)).Append('\n');
                foreach (var article in expected.EnumerateArray().Select(e => e.GetString()!))
                {
                    if (!ids.Contains(article))
                    {
                        await Console.Error.WriteLineAsync($"error: {parse.GetValue(questions)!.FullName}:{number}: '{article}' is not a public article");
                        return 2;
                    }
                    qrels.Append(id).Append('\t').Append(article).Append("\t1\n");
                }
                written++;
            }
            await File.WriteAllTextAsync(Path.Combine(folder, "queries.jsonl"), queries.ToString(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "qrels.tsv"), qrels.ToString(), cancellationToken);
            Console.WriteLine($"{articles.Count} documents and {written} queries written to {folder}");
            return 0;
        });
        return command;
    }
}
