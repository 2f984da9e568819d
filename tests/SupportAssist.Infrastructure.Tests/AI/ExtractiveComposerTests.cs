using System.Text.RegularExpressions;
using SupportAssist.Answering;
using SupportAssist.Infrastructure.KnowledgeBase;

namespace SupportAssist.Infrastructure.Tests.AI;

public sealed partial class ExtractiveComposerTests
{
    private readonly ExtractiveComposer _composer = new();

    private static List<Passage> PassagesOf(params string[] articleIds)
    {
        var chunker = new MarkdownChunker(1500, 200);
        var chunks = articleIds.SelectMany(id =>
        {
            var path = Path.Combine(TestPaths.RepositoryRoot, "samples", "helpcenter", id + ".md");
            return chunker.Chunk(MarkdownArticleReader.Parse(path, File.ReadAllText(path)).Article!);
        });
        return chunks.Select((chunk, i) => new Passage(i + 1, chunk)).ToList();
    }

    [Fact]
    public async Task With_sentences_scored_by_meaning_the_one_that_answers_is_quoted_though_another_shares_more_words()
    {
        var chunk = new Chunk("refunds#1", "refunds", 0, "Refund timing", null, "Refund timing",
            "Refunds of refunds of card payments are refunds. The money reaches the customer's bank in five to ten business days.",
            "h", ArticleAudience.Public, "en", null);
        var passage = new Passage(1, chunk);
        var units = AnswerUnits.Of([passage]).Select(u => u with { Similarity = u.Text.StartsWith("The money", StringComparison.Ordinal) ? 0.8 : 0.2 }).ToList();
        const string question = "how long until a card refund reaches the customer";

        var oneSentence = new ExtractiveComposer(maxUnits: 1);

        var lexical = await oneSentence.ComposeAsync(new AnswerRequest(question, [passage]), CancellationToken.None);
        var byMeaning = await oneSentence.ComposeAsync(new AnswerRequest(question, [passage]) { Units = units }, CancellationToken.None);

        Assert.Equal("Refunds of refunds of card payments are refunds. [1]", lexical.Text);
        Assert.Equal("The money reaches the customer's bank in five to ten business days. [1]", byMeaning.Text);
    }

    [Fact]
    public async Task A_numbered_procedure_is_quoted_whole_in_its_order_and_cited()
    {
        var passages = PassagesOf("refunds-issue-a-refund");
        var dashboard = passages.Single(p => p.Chunk.HeadingPath.EndsWith("Refund from the dashboard", StringComparison.Ordinal));

        var answer = await _composer.ComposeAsync(new AnswerRequest("how do I refund a payment from the dashboard", passages), CancellationToken.None);

        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        var steps = Enumerable.Range(1, 5).Select(n => answer.Text.IndexOf($"{n}. ", StringComparison.Ordinal)).ToList();
        Assert.All(steps, index => Assert.True(index >= 0, answer.Text));
        Assert.Equal(steps.Order(), steps);
        Assert.Contains($"[{dashboard.Number}]", answer.Text, StringComparison.Ordinal);
        Assert.Contains(answer.Citations, c => c.Number == dashboard.Number && c.ArticleId == "refunds-issue-a-refund" && c.Quote.Contains("Select **Refund**", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_quoted_sentence_carries_the_citation_of_the_passage_it_comes_from()
    {
        var passages = PassagesOf("refunds-refund-timing", "refunds-issue-a-refund");

        var answer = await _composer.ComposeAsync(new AnswerRequest("customer cannot see the refund on their bank statement", passages), CancellationToken.None);

        Assert.False(answer.Abstained);
        Assert.True(CitationCheck.Of(answer.Text, passages.Select(p => p.Number).ToList()).IsGrounded, answer.Text);
        var quoted = CitedSegment().Matches(answer.Text);
        Assert.NotEmpty(quoted);
        foreach (Match segment in quoted)
        {
            var passage = passages.Single(p => p.Number == int.Parse(segment.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            var words = segment.Groups[1].Value.Trim();
            Assert.True(Flatten(passage.Chunk.Text).Contains(Flatten(words), StringComparison.Ordinal), $"'{words}' is not in passage {passage.Number}");
        }
    }

    [Fact]
    public async Task A_question_nothing_matches_gets_an_abstention_not_an_answer()
    {
        var passages = PassagesOf("refunds-refund-timing");

        var answer = await _composer.ComposeAsync(new AnswerRequest("xylophone quartz zeppelin", passages), CancellationToken.None);

        Assert.True(answer.Abstained);
        Assert.Equal("", answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task The_same_sentence_in_two_passages_is_quoted_once()
    {
        var passages = PassagesOf("refunds-refund-timing");
        var first = passages[0];
        var twin = new Passage(passages.Count + 1, first.Chunk with { Id = first.Chunk.Id + "-copy" });

        var answer = await _composer.ComposeAsync(new AnswerRequest("how long until the refund appears for the customer", [.. passages, twin]), CancellationToken.None);

        var sentence = "Paykite sends a refund to the customer's bank right away, but banks take time to show it.";
        Assert.True(Regex.Count(answer.Text, Regex.Escape(sentence)) <= 1, answer.Text);
    }

    // Text up to a citation marker, and the passage number it cites.
    [GeneratedRegex(@"([^\[\]]+?)\s\[(\d+)\]")]
    private static partial Regex CitedSegment();

    private static string Flatten(string text) => Regex.Replace(text, @"\s+", " ");
}
