using System.Text;
using System.Text.Json;

namespace SupportAssist.Embeddings.Tokenization;

/// <summary>
/// SentencePiece unigram segmentation as the Universal Sentence Encoder Lite reference does it: NFKC, spaces
/// to '▁' with one leading '▁', then the highest-scoring split into vocabulary pieces (Viterbi over a trie),
/// unknown symbols as id 0 with consecutive unknowns merged. Its tie-breaking and edge cases follow the
/// reference exactly, because the model was trained on its ids. Immutable and thread-safe.
/// </summary>
public sealed class SentencePieceTokenizer
{
    /// <summary>The id of an unknown symbol.</summary>
    public const int UnknownId = 0;

    private const char Separator = '\u2581';

    // The first entries are control symbols (unknown, <s>, </s>, extra ids) that never match text.
    private const int ReservedSymbols = 6;

    private readonly string[] _pieces;
    private readonly TrieNode _root = new();

    private SentencePieceTokenizer(IReadOnlyList<(string Piece, double Score)> vocabulary)
    {
        _pieces = new string[vocabulary.Count];
        for (var i = 0; i < vocabulary.Count; i++) _pieces[i] = vocabulary[i].Piece;
        for (var i = ReservedSymbols; i < vocabulary.Count; i++) Insert(vocabulary[i].Piece, vocabulary[i].Score, i);
    }

    /// <summary>Number of entries in the vocabulary.</summary>
    public int VocabularySize => _pieces.Length;

    /// <summary>Reads a vocabulary in the reference's JSON form: an array of <c>[piece, score]</c> pairs.</summary>
    public static SentencePieceTokenizer FromJson(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var vocabulary = new List<(string, double)>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() != 2)
                throw new InvalidDataException($"Vocabulary entry {vocabulary.Count} is not a [piece, score] pair.");
            // A few pieces (those with ':') have a null score; the reference adds it as 0.
            var score = entry[1].ValueKind == JsonValueKind.Null ? 0 : entry[1].GetDouble();
            vocabulary.Add((entry[0].GetString() ?? string.Empty, score));
        }
        if (vocabulary.Count <= ReservedSymbols) throw new InvalidDataException("The vocabulary has no pieces.");
        return new SentencePieceTokenizer(vocabulary);
    }

    /// <summary>The piece ids of <paramref name="text"/>; empty for empty text.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Normalize(NormalizationForm.FormKC);
        if (normalized.Length == 0) return [];
        var symbols = Symbols(Separator + normalized.Replace(' ', Separator));
        var count = symbols.Count;

        // best[end]: score of the best segmentation of symbols[0..end); 0 also means "not reached yet",
        // as in the reference. ends[end] lists the pieces ending at end, by ascending start.
        var best = new double[count + 1];
        var ids = new int[count + 1];
        var ends = new List<(int Start, int Id, double Score)>?[count + 1];
        for (var start = 0; start < count; start++)
        {
            var matched = false;
            var node = _root;
            for (var i = start; i < count && node.Children is not null && node.Children.TryGetValue(symbols[i], out node); i++)
            {
                if (!node.IsEnd) continue;
                (ends[i + 1] ??= []).Add((start, node.Id, node.Score));
                matched = true;
            }
            if (!matched) (ends[start + 1] ??= []).Add((start, UnknownId, 0));
        }
        for (var end = 1; end <= count; end++)
        {
            if (ends[end] is not { } pieces) continue;
            foreach (var (start, id, score) in pieces)
            {
                var total = score + best[start];
                if (best[end] == 0 || total >= best[end])
                {
                    best[end] = total;
                    ids[end] = id;
                }
            }
        }

        // Walk back from the end; the reference steps back by the piece's UTF-16 length.
        var reversed = new List<int>();
        for (var position = count; position > 0; position -= _pieces[ids[position]].Length)
            reversed.Add(ids[position]);
        var result = new List<int>(reversed.Count);
        var previousUnknown = false;
        foreach (var id in reversed)
        {
            if (!(previousUnknown && id == UnknownId)) result.Add(id);
            previousUnknown = id == UnknownId;
        }
        result.Reverse();
        return [.. result];
    }

    private void Insert(string piece, double score, int id)
    {
        var node = _root;
        var symbols = Symbols(piece);
        for (var i = 0; i < symbols.Count; i++)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(symbols[i], out var child))
            {
                child = new TrieNode();
                node.Children[symbols[i]] = child;
            }
            node = child;
        }
        // A piece listed twice keeps its last score and id, as in the reference.
        if (symbols.Count > 0)
        {
            node.IsEnd = true;
            node.Score = score;
            node.Id = id;
        }
    }

    // Code points, as JavaScript's string iterator yields them: a surrogate pair is one symbol, a lone
    // surrogate is a symbol of its own (kept as its UTF-16 value, which no scalar value equals).
    private static List<int> Symbols(string text)
    {
        var symbols = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                symbols.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                symbols.Add(text[i]);
            }
        }
        return symbols;
    }

    private sealed class TrieNode
    {
        public Dictionary<int, TrieNode>? Children { get; set; }
        public bool IsEnd { get; set; }
        public double Score { get; set; }
        public int Id { get; set; }
    }
}
