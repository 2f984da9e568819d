using SupportAssist.Text;

namespace SupportAssist.Core.Tests.Text;

/// <summary>The light English suffix stem that snippets, the lexical embedder and the sparse vectors match words by.</summary>
public sealed class TextTokensStemTests
{
    [Theory]
    [InlineData("refunds", "refund")]
    [InlineData("refunded", "refund")]
    [InlineData("refunding", "refund")]
    [InlineData("charges", "charg")]
    [InlineData("charged", "charg")]
    [InlineData("policies", "policy")]
    [InlineData("addresses", "address")]
    public void Plural_and_past_and_ing_forms_lose_their_ending(string word, string stem) => Assert.Equal(stem, TextTokens.Stem(word));

    // Too short to strip safely, or not an ending at all.
    [Theory]
    [InlineData("bus")]
    [InlineData("address")]
    [InlineData("sing")]
    [InlineData("bed")]
    public void Short_words_and_double_s_are_left_alone(string word) => Assert.Equal(word, TextTokens.Stem(word));

    // Spanish verb forms are out of its reach (the Snowball comparison in docs/text-processing.md measured what joining them does).
    [Theory]
    [InlineData("reembolsos", "reembolsar")]
    [InlineData("devolver", "devolviendo")]
    public void Spanish_inflections_stay_apart(string word, string other) => Assert.NotEqual(TextTokens.Stem(word), TextTokens.Stem(other));
}
