using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace SupportAssist.Evals.Retrieval;

/// <summary>
/// A retrieval dataset in the BEIR layout: <c>corpus.jsonl</c> (<c>_id</c>, <c>title</c>, <c>text</c>),
/// <c>queries.jsonl</c> (<c>_id</c>, <c>text</c>) and <c>qrels.tsv</c> (or <c>qrels/test.tsv</c>) with the header
/// <c>query-id corpus-id score</c>. Every malformed line is refused with its file and line number.
/// </summary>
public sealed record BeirDataset(
    IReadOnlyList<BeirDocument> Corpus, IReadOnlyList<BeirQuery> Queries, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels, string Sha256)
{
    /// <summary>Reads the dataset in <paramref name="folder"/>.</summary>
    /// <exception cref="DatasetException">A file is missing or malformed.</exception>
    public static BeirDataset Load(string folder)
    {
        var corpusPath = Path.Combine(folder, "corpus.jsonl");
        var queriesPath = Path.Combine(folder, "queries.jsonl");
        var qrelsPath = File.Exists(Path.Combine(folder, "qrels.tsv")) ? Path.Combine(folder, "qrels.tsv") : Path.Combine(folder, "qrels", "test.tsv");
        var corpus = ReadJsonLines(corpusPath, (root, where) => new BeirDocument(Required(root, "_id", where), Optional(root, "title"), Required(root, "text", where, allowEmpty: true)));
        var queries = ReadJsonLines(queriesPath, (root, where) => new BeirQuery(Required(root, "_id", where), Required(root, "text", where)));
        var documents = corpus.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        if (documents.Count != corpus.Count) throw new DatasetException($"{corpusPath}: document ids must be unique");
        var queryIds = queries.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        if (queryIds.Count != queries.Count) throw new DatasetException($"{queriesPath}: query ids must be unique");
        var qrels = ReadQrels(qrelsPath, queryIds, documents);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in new[] { corpusPath, queriesPath, qrelsPath }) hash.AppendData(File.ReadAllBytes(path));
        return new BeirDataset(corpus, queries, qrels, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Reads a <c>corpus.jsonl</c> alone (a help center given as a BEIR corpus).</summary>
    /// <exception cref="DatasetException">The file is missing or malformed, or ids repeat.</exception>
    public static IReadOnlyList<BeirDocument> LoadCorpus(string corpusPath)
    {
        var corpus = ReadJsonLines(corpusPath, (root, where) => new BeirDocument(Required(root, "_id", where), Optional(root, "title"), Required(root, "text", where, allowEmpty: true)));
        if (corpus.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count() != corpus.Count) throw new DatasetException($"{corpusPath}: document ids must be unique");
        return corpus;
    }

    private static List<T> ReadJsonLines<T>(string path, Func<JsonElement, string, T> read)
    {
        if (!File.Exists(path)) throw new DatasetException($"{path}: file not found");
        var items = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{path}:{number}";
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw new DatasetException($"{where}: expected a JSON object");
                items.Add(read(document.RootElement, where));
            }
            catch (JsonException error)
            {
                throw new DatasetException($"{where}: not valid JSON ({error.Message})", error);
            }
        }
        return items;
    }

    private static string Required(JsonElement root, string name, string where, bool allowEmpty = false)
    {
        if (!root.TryGetProperty(name, out var value)) throw new DatasetException($"{where}: '{name}' is missing");
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new DatasetException($"{where}: '{name}' must be a string"),
        };
        if (!allowEmpty && string.IsNullOrWhiteSpace(text)) throw new DatasetException($"{where}: '{name}' must not be empty");
        return text;
    }

    private static string Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static Dictionary<string, IReadOnlyDictionary<string, int>> ReadQrels(string path, HashSet<string> queries, HashSet<string> documents)
    {
        if (!File.Exists(path)) throw new DatasetException($"{path}: file not found (qrels.tsv or qrels/test.tsv)");
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split('\t');
            if (number == 1)
            {
                if (fields is not ["query-id", "corpus-id", "score"]) throw new DatasetException($"{path}:1: the header must be 'query-id<TAB>corpus-id<TAB>score'");
                continue;
            }
            if (fields.Length != 3) throw new DatasetException($"{path}:{number}: expected 3 tab-separated fields, got {fields.Length}");
            if (!int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var score)) throw new DatasetException($"{path}:{number}: score '{fields[2]}' is not a whole number");
            if (!queries.Contains(fields[0])) throw new DatasetException($"{path}:{number}: query '{fields[0]}' is not in queries.jsonl");
            if (!documents.Contains(fields[1])) throw new DatasetException($"{path}:{number}: document '{fields[1]}' is not in corpus.jsonl");
            if (!qrels.TryGetValue(fields[0], out var judged)) qrels[fields[0]] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            judged[fields[1]] = score;
        }
        return qrels.ToDictionary(q => q.Key, q => (IReadOnlyDictionary<string, int>)q.Value, StringComparer.Ordinal);
    }
}
