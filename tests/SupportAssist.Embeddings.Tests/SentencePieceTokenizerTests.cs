using System.Text.Json;
using SupportAssist.Embeddings.Tokenization;

namespace SupportAssist.Embeddings.Tests;

public sealed class SentencePieceTokenizerTests
{
    private static readonly Lazy<SentencePieceTokenizer> Tokenizer = new(() =>
    {
        using var vocabulary = File.OpenRead(Path.Combine(UseLiteModel.Path, "vocab.json"));
        return SentencePieceTokenizer.FromJson(vocabulary);
    });

    private sealed record Case(string Input, int[] Ids);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static List<Case> Fixture() =>
        JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tokenizer-fixture.json")), Json)!;

    [Fact]
    public void The_fixture_holds_at_least_300_reference_cases()
    {
        var cases = Fixture();

        Assert.True(cases.Count >= 300, $"{cases.Count} cases");
        Assert.Contains(cases, c => c.Input.Length == 0);
        Assert.Contains(cases, c => c.Input.Length >= 2000);
        Assert.Contains(cases, c => c.Input.EnumerateRunes().Any(r => r.Value > 0xFFFF));
    }

    [ModelFact]
    public void Ids_equal_the_reference_tokenizer_on_every_fixture_input()
    {
        var mismatches = Fixture()
            .Select(c => (c.Input, Expected: c.Ids, Actual: Tokenizer.Value.Encode(c.Input)))
            .Where(c => !c.Expected.SequenceEqual(c.Actual))
            .Select(c => $"{JsonSerializer.Serialize(c.Input)}: expected [{string.Join(',', c.Expected)}], got [{string.Join(',', c.Actual)}]")
            .ToList();

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches:\n{string.Join('\n', mismatches.Take(10))}");
    }

    [ModelFact]
    public void Empty_text_has_no_ids_and_unknown_symbols_merge()
    {
        Assert.Empty(Tokenizer.Value.Encode(string.Empty));
        var ids = Tokenizer.Value.Encode("\u4e00\u4e01\u4e02");

        Assert.Single(ids, SentencePieceTokenizer.UnknownId);
        Assert.Equal(8000, Tokenizer.Value.VocabularySize);
    }

    [Fact]
    public void A_malformed_vocabulary_is_refused()
    {
        using var notPairs = new MemoryStream("""[["a", 1, 2]]"""u8.ToArray());

        Assert.Throws<InvalidDataException>(() => SentencePieceTokenizer.FromJson(notPairs));
    }
}
