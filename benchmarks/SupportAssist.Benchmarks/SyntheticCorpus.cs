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

    // Ranks drawn with P(rank) ~ 1 / rank, as words are in real text.
    private static int Zipf(Random random) => Math.Min(Vocabulary.Length - 1, (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(Vocabulary.Length))) - 1);

    private static string[] BuildVocabulary()
    {
        var syllables = new[] { "pay", "ref", "und", "card", "bank", "dis", "pute", "fee", "tax", "out", "ac", "count", "ver", "ify", "key", "hook", "sub", "plan", "risk", "rule" };
        var words = new List<string>();
        foreach (var a in syllables)
            foreach (var b in syllables)
                foreach (var c in new[] { "", "s", "ed", "ing", "er" })
                    words.Add(a + b + c);
        return words.ToArray();
    }
}
