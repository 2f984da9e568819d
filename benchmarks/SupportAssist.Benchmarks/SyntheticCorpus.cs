using SupportAssist.Knowledge;

namespace SupportAssist.Benchmarks;

/// <summary>Deterministic synthetic chunks: Zipf-distributed words from a fixed vocabulary, random unit vectors.</summary>
internal static class SyntheticCorpus
{
    private static readonly string[] Vocabulary = BuildVocabulary();

    public static string Text(Random random, int words)
    {
        var parts = new string[words];
        for (var i = 0; i < words; i++) parts[i] = Vocabulary[Zipf(random)];
        return string.Join(' ', parts);
    }

    public static float[] Vector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++) vector[i] = (float)(random.NextDouble() * 2 - 1);
        return vector;
    }

    public static Chunk Chunk(int index, string text) => new(
        $"article-{index / 10}#{index % 10:x10}", $"article-{index / 10}", index % 10, $"Synthetic article {index / 10}", null,
        $"Synthetic article {index / 10} > Section {index % 10}", text, $"{index:x64}",
        index % 7 == 0 ? ArticleAudience.Internal : ArticleAudience.Public, index % 5 == 0 ? "es" : "en", $"area-{index % 12}");

    /// <summary>
    /// A query as our tokenizer leaves it: content words only. The most frequent words stand for stop words,
    /// which <c>TextTokens.ContentWords</c> drops, so queries are drawn from the rest of a chunk's words.
    /// </summary>
    public static string Query(Random random, string chunkText, int words)
    {
        var content = chunkText.Split(' ').Where(w => Array.IndexOf(Vocabulary, w) >= StopWordRanks).Distinct().ToList();
        return string.Join(' ', Enumerable.Range(0, Math.Min(words, content.Count)).Select(_ => content[random.Next(content.Count)]));
    }

    private const int StopWordRanks = 100;

    // Ranks drawn from a Zipf law, P(rank r) ~ 1 / r, as words are in real text (inverse-CDF approximation).
    private static int Zipf(Random random) => Math.Min(Vocabulary.Length - 1, (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(Vocabulary.Length + 1))) - 1);

    // About 20,000 distinct pseudo-words, the size of a help center's working vocabulary.
    private static string[] BuildVocabulary()
    {
        var syllables = new[] { "pay", "ref", "und", "card", "bank", "dis", "pute", "fee", "tax", "out", "ac", "count", "ver", "ify", "key",
            "hook", "sub", "plan", "risk", "rule", "in", "voice", "bal", "ance", "chargé", "trans", "fer", "lim", "it", "sec" };
        var words = new List<string>();
        foreach (var a in syllables)
            foreach (var b in syllables)
                foreach (var c in syllables)
                    words.Add(a + b + c);
        // Shuffle deterministically so frequency does not follow alphabetical order.
        var random = new Random(99);
        return words.OrderBy(_ => random.Next()).Take(20_000).ToArray();
    }
}
