using SupportAssist.Evals.Deflection;
using SupportAssist.Evals.HelpCenters;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Knowledge;

namespace SupportAssist.Evals.Tests;

/// <summary>The help center a suite answers from: a Markdown folder or a BEIR corpus.jsonl.</summary>
public sealed class HelpCenterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-helpcenter-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<EvalHost> HostAsync() =>
        EvalHost.StartAsync(new Dictionary<string, string?> { ["SupportAssist:Embeddings:Provider"] = "lexical" }, CancellationToken.None);

    [Fact]
    public async Task A_corpus_jsonl_is_indexed_with_ids_that_are_not_article_ids_mapped_back_and_languages_guessed()
    {
        var corpus = Path.Combine(_folder, "corpus.jsonl");
        await File.WriteAllLinesAsync(corpus,
        [
            """{"_id": "Doc 1", "title": "Refund timing", "text": "Refunds take five to ten business days to reach the card."}""",
            """{"_id": "reembolsos", "title": "Plazos de reembolso", "text": "Los reembolsos tardan de cinco a diez días hábiles en llegar a la tarjeta."}""",
        ]);
        await using var host = await HostAsync();

        var center = await HelpCenter.IndexAsync(new FileInfo(corpus), host.Services, CancellationToken.None);
        var store = (IKnowledgeStore)host.Services.GetService(typeof(IKnowledgeStore))!;
        var stored = await store.ListArticlesAsync(CancellationToken.None);

        Assert.Equal(2, center.Articles);
        Assert.Equal(["d0", "reembolsos"], stored.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal("Doc 1", center.DatasetId("d0"));
        Assert.Equal("reembolsos", center.DatasetId("reembolsos"));
        Assert.Equal("es", stored.Single(a => a.Id == "reembolsos").Locale);
    }

    [Fact]
    public async Task A_missing_help_center_is_refused_as_bad_data()
    {
        await using var host = await HostAsync();

        var error = await Assert.ThrowsAsync<DatasetException>(() => HelpCenter.IndexAsync(new DirectoryInfo(Path.Combine(_folder, "nowhere")), host.Services, CancellationToken.None));

        Assert.Contains("no such folder or file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_split_is_fixed_by_the_question_text_and_holds_about_30_percent_of_our_set()
    {
        var questions = DeflectionRun.Read(Path.Combine(EvalHost.RepositoryRoot(), "evals", "datasets", "deflection.jsonl"));

        Assert.Equal(72, questions.Count(q => q.Test));
        Assert.All(questions, q => Assert.Equal(DeflectionRun.IsTest(q.Question), q.Test));
        Assert.Equal(DeflectionRun.IsTest("how do I refund a payment"), DeflectionRun.IsTest("how do I refund a payment"));
    }
}
