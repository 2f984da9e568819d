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
    private readonly int[] _pieceLengths;
    private readonly TrieNode _root = new();

    private SentencePieceTokenizer(IReadOnlyList<(string Piece, double Score)> vocabulary)
    {
        _pieces = new string[vocabulary.Count];
        for (var i = 0; i < vocabulary.Count; i++) _pieces[i] = vocabulary[i].Piece;
        _pieceLengths = Array.ConvertAll(_pieces, piece => piece.Length);
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
        var scratch = Scratch.ForThisThread();
        var count = Segment(text, scratch);
        var result = new int[count];
        scratch.Ids.AsSpan(0, count).CopyTo(result);
        return result;
    }

    /// <summary>
    /// Writes the first ids of <paramref name="text"/> into <paramref name="destination"/> (as many as fit) and
    /// returns how many ids the whole text has. Allocates nothing once this thread has segmented a text as
    /// long (scratch buffers are kept per thread), unless the text needs NFKC changes.
    /// </summary>
    public int Encode(string text, Span<int> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scratch = Scratch.ForThisThread();
        var count = Segment(text, scratch);
        scratch.Ids.AsSpan(0, Math.Min(count, destination.Length)).CopyTo(destination);
        return count;
    }

    // Segments text into scratch.Ids[0..count) and returns count.
    private int Segment(string text, Scratch scratch)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        if (normalized.Length == 0) return 0;
        var count = scratch.ReadSymbols(normalized);
        var symbols = scratch.Symbols;
        var best = scratch.Best;
        var ids = scratch.Ids;
        Array.Clear(best, 0, count + 1);

        // best[end]: score of the best segmentation of symbols[0..end); 0 also means "not reached yet", as in
        // the reference. Candidates for an end are weighed by ascending start, as the reference does (its last
        // candidate wins a tie): going through starts in order gives that order, and best[start] is final by
        // then because every piece ending at start begins before it.
        for (var start = 0; start < count; start++)
        {
            var matched = false;
            var node = _root;
            for (var i = start; i < count && node.Children is not null && node.Children.TryGetValue(symbols[i], out node); i++)
            {
                if (!node.IsEnd) continue;
                Relax(best, ids, start, i + 1, node.Id, node.Score);
                matched = true;
            }
            if (!matched) Relax(best, ids, start, start + 1, UnknownId, 0);
        }

        // Walk back from the end; the reference steps back by the piece's UTF-16 length. Consecutive unknowns
        // merge into one. The ids land reversed at the end of the buffer, then move to the front in order.
        var path = scratch.Path;
        var written = 0;
        var previousUnknown = false;
        for (var position = count; position > 0; position -= _pieceLengths[ids[position]])
        {
            var id = ids[position];
            if (!(previousUnknown && id == UnknownId)) path[written++] = id;
            previousUnknown = id == UnknownId;
        }
        path.AsSpan(0, written).Reverse();
        path.AsSpan(0, written).CopyTo(ids);
        return written;
    }

    private static void Relax(double[] best, int[] ids, int start, int end, int id, double score)
    {
        var total = score + best[start];
        if (best[end] == 0 || total >= best[end])
        {
            best[end] = total;
            ids[end] = id;
        }
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

    /// <summary>Per-thread buffers for one segmentation, grown to the longest text seen on the thread.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _current;

        public int[] Symbols { get; private set; } = new int[256];
        public double[] Best { get; private set; } = new double[257];
        public int[] Ids { get; private set; } = new int[257];
        public int[] Path { get; private set; } = new int[257];

        public static Scratch ForThisThread() => _current ??= new Scratch();

        // The symbols of '▁' + text with spaces as '▁'; returns their count.
        public int ReadSymbols(string text)
        {
            if (Symbols.Length < text.Length + 1)
            {
                var size = Math.Max(text.Length + 1, Symbols.Length * 2);
                Symbols = new int[size];
                Best = new double[size + 1];
                Ids = new int[size + 1];
                Path = new int[size + 1];
            }
            var count = 0;
            Symbols[count++] = Separator;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == ' ')
                {
                    Symbols[count++] = Separator;
                }
                else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    Symbols[count++] = char.ConvertToUtf32(c, text[i + 1]);
                    i++;
                }
                else
                {
                    Symbols[count++] = c;
                }
            }
            return count;
        }
    }

    private sealed class TrieNode
    {
        public Dictionary<int, TrieNode>? Children { get; set; }
        public bool IsEnd { get; set; }
        public double Score { get; set; }
        public int Id { get; set; }
    }
}
