using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SupportAssist.Evals.Retrieval;
using SupportAssist.Infrastructure.KnowledgeBase;
using SupportAssist.Knowledge;
using SupportAssist.Text;

namespace SupportAssist.Evals.HelpCenters;

/// <summary>
/// The help center a suite runs on: a folder of Markdown articles (the service's own format; the default is
/// <c>samples/helpcenter</c>) or a BEIR <c>corpus.jsonl</c> (<c>_id</c>, <c>title</c>, <c>text</c>), so a team can
/// measure deflection and drafts on its own content. Indexed in one bulk replace through the service's ingestion.
/// </summary>
internal sealed class HelpCenter
{
    private readonly Dictionary<string, string> _datasetIds;

    private HelpCenter(string path, int articles, Dictionary<string, string> datasetIds)
    {
        Path = path;
        Articles = articles;
        _datasetIds = datasetIds;
    }

    /// <summary>The folder or file indexed.</summary>
    public string Path { get; }

    /// <summary>Articles indexed.</summary>
    public int Articles { get; }

    /// <summary>The <c>--help-center</c> option of the suites that answer from a help center.</summary>
    public static Option<FileSystemInfo?> Option() => new("--help-center")
    {
        Description = "The help center to index: a folder of Markdown articles (default samples/helpcenter) or a BEIR corpus.jsonl",
        CustomParser = result => result.Tokens.Count == 0 ? null
            : File.Exists(result.Tokens[0].Value) ? new FileInfo(result.Tokens[0].Value) : new DirectoryInfo(result.Tokens[0].Value),
    };

    /// <summary>The id an eval dataset uses for an indexed article (a corpus id that is not a valid article id is stored as d0, d1, …).</summary>
    public string DatasetId(string articleId) => _datasetIds.TryGetValue(articleId, out var id) ? id : articleId;

    /// <summary>Indexes <paramref name="source"/> (or the sample help center) into the host's store.</summary>
    /// <exception cref="DatasetException">The source is missing, empty or malformed.</exception>
    public static async Task<HelpCenter> IndexAsync(FileSystemInfo? source, IServiceProvider services, CancellationToken cancellationToken)
    {
        var path = source?.FullName ?? System.IO.Path.Combine(EvalHost.RepositoryRoot(), "samples", "helpcenter");
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        List<Article> articles;
        if (Directory.Exists(path))
        {
            var files = await MarkdownArticleReader.ReadFolderAsync(path, cancellationToken);
            articles = files.Where(f => f.Article is { Published: true }).Select(f => f.Article!).ToList();
        }
        else if (File.Exists(path))
        {
            var corpus = BeirDataset.LoadCorpus(path);
            var taken = corpus.Select(d => d.Id).Where(ArticleRules.IsValidId).ToHashSet(StringComparer.Ordinal);
            articles = corpus.Select((document, i) =>
            {
                var id = document.Id;
                if (!ArticleRules.IsValidId(id))
                {
                    id = $"d{i}";
                    while (!taken.Add(id)) id += "-x";
                }
                ids[id] = document.Id;
                var title = string.IsNullOrWhiteSpace(document.Title) ? document.Id : document.Title;
                var body = string.IsNullOrWhiteSpace(document.Text) ? title : document.Text;
                return new Article(id, title.Length > ArticleRules.MaxTitleLength ? title[..ArticleRules.MaxTitleLength] : title, null,
                    LanguageGuess.Of(title + "\n" + body).Code, ArticleAudience.Public, null, [], null, body);
            }).ToList();
        }
        else throw new DatasetException($"{path}: no such folder or file");
        if (articles.Count == 0) throw new DatasetException($"{path}: no articles");
        await services.GetRequiredService<KnowledgeBaseIngestor>().ReplaceAllAsync(articles, null, cancellationToken);
        return new HelpCenter(path, articles.Count, ids);
    }
}
