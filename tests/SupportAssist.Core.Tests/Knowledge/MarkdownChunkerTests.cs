namespace SupportAssist.Core.Tests.Knowledge;

public sealed class MarkdownChunkerTests
{
    private static Article ArticleWith(string body, string title = "Refund a payment") =>
        new("refunds-issue", title, "https://help.example/refunds-issue", "en", ArticleAudience.Public, "refunds", ["refunds"], null, body);

    [Fact]
    public void Chunks_follow_headings_and_carry_the_heading_path()
    {
        var body = """
            # Refund a payment

            Refunds return money to the customer.

            ## Before you start

            You need the Refunds permission.

            ## Steps

            ### From the dashboard

            1. Open **Payments**.
            2. Choose **Refund**.

            ### With the API

            Call `POST /v1/refunds`.
            """;

        var chunks = new MarkdownChunker(1500, 200).Chunk(ArticleWith(body));

        Assert.Equal(
            ["Refund a payment", "Refund a payment > Before you start", "Refund a payment > Steps > From the dashboard", "Refund a payment > Steps > With the API"],
            chunks.Select(c => c.HeadingPath));
        Assert.Equal("Refunds return money to the customer.", chunks[0].Text);
        Assert.Contains("2. Choose **Refund**.", chunks[2].Text, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2, 3], chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void Chunks_keep_the_article_metadata()
    {
        var article = ArticleWith("## Only section\n\nText.") with { Audience = ArticleAudience.Internal, Locale = "es-MX", ProductArea = "payouts" };

        var chunk = Assert.Single(new MarkdownChunker(1500, 200).Chunk(article));

        Assert.Equal(("refunds-issue", ArticleAudience.Internal, "es-MX", "payouts", "Refund a payment", "https://help.example/refunds-issue"),
            (chunk.ArticleId, chunk.Audience, chunk.Locale, chunk.ProductArea, chunk.Title, chunk.Url));
    }

    [Fact]
    public void Headings_inside_code_fences_are_text()
    {
        var body = "## Verify the signature\n\n```bash\n# compute the HMAC\nopenssl dgst -sha256\n```\n\nCompare the result.";

        var chunk = Assert.Single(new MarkdownChunker(1500, 200).Chunk(ArticleWith(body)));

        Assert.Contains("# compute the HMAC", chunk.Text, StringComparison.Ordinal);
        Assert.Equal("Refund a payment > Verify the signature", chunk.HeadingPath);
    }

    [Fact]
    public void Long_sections_are_split_within_the_bound_with_overlap()
    {
        var sentences = Enumerable.Range(1, 60).Select(i => $"Sentence number {i} explains one more detail about payouts.");
        var body = "## Long section\n\n" + string.Join(' ', sentences.Take(30)) + "\n\n" + string.Join(' ', sentences.Skip(30));

        var chunks = new MarkdownChunker(500, 120).Chunk(ArticleWith(body));

        Assert.True(chunks.Count >= 5, $"expected several chunks, got {chunks.Count}");
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, 500));
        Assert.All(chunks, c => Assert.Equal("Refund a payment > Long section", c.HeadingPath));
        for (var i = 1; i < chunks.Count; i++)
        {
            var previousTail = chunks[i - 1].Text[^40..];
            Assert.Contains(previousTail, chunks[i].Text, StringComparison.Ordinal);
        }
        foreach (var sentence in sentences)
            Assert.Contains(chunks, c => c.Text.Contains(sentence, StringComparison.Ordinal));
    }

    [Fact]
    public void A_word_longer_than_the_bound_is_cut_without_losing_text()
    {
        var token = new string('x', 1200);

        var chunks = new MarkdownChunker(500, 0).Chunk(ArticleWith("## Key\n\n" + token));

        Assert.All(chunks, c => Assert.True(c.Text.Length <= 500));
        Assert.Equal(token, string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public void Same_content_gives_same_ids_and_hashes_and_an_edit_changes_only_its_chunk()
    {
        var chunker = new MarkdownChunker(1500, 200);
        var before = chunker.Chunk(ArticleWith("## A\n\nFirst.\n\n## B\n\nSecond."));
        var again = chunker.Chunk(ArticleWith("## A\n\nFirst.\n\n## B\n\nSecond."));
        var edited = chunker.Chunk(ArticleWith("## A\n\nFirst.\n\n## B\n\nSecond, edited."));

        Assert.Equal(before.Select(c => (c.Id, c.ContentHash)), again.Select(c => (c.Id, c.ContentHash)));
        Assert.Equal(before[0].ContentHash, edited[0].ContentHash);
        Assert.NotEqual(before[1].ContentHash, edited[1].ContentHash);
        Assert.StartsWith("refunds-issue#", before[0].Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_sections_still_get_distinct_ids()
    {
        var chunks = new MarkdownChunker(1500, 200).Chunk(ArticleWith("## Note\n\nSame.\n\n## Note\n\nSame."));

        Assert.Equal(2, chunks.Count);
        Assert.NotEqual(chunks[0].Id, chunks[1].Id);
    }

    [Fact]
    public void Empty_sections_produce_no_chunk()
    {
        var chunks = new MarkdownChunker(1500, 200).Chunk(ArticleWith("## Steps\n\n### One\n\nDo it."));

        var chunk = Assert.Single(chunks);
        Assert.Equal("Refund a payment > Steps > One", chunk.HeadingPath);
    }
}
