using System.Globalization;
using SupportAssist.Knowledge;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SupportAssist.Infrastructure.KnowledgeBase;

/// <summary>Reads help-center articles: Markdown files with YAML front matter (id, title, url, locale, audience, product_area, tags, updated, published).</summary>
public static class MarkdownArticleReader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>Every <c>*.md</c> file under <paramref name="folder"/>, in path order.</summary>
    public static async Task<IReadOnlyList<ArticleFile>> ReadFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var articles = new List<ArticleFile>(files.Count);
        foreach (var file in files)
            articles.Add(Parse(file, await File.ReadAllTextAsync(file, cancellationToken)));
        return articles;
    }

    /// <summary>Parses one file's text; <paramref name="path"/> is used in error messages.</summary>
    public static ArticleFile Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
            return Rejected(path, "the file must start with a '---' line opening the YAML front matter");
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0) return Rejected(path, "the YAML front matter is not closed by a '---' line");

        FrontMatter? front;
        try
        {
            front = Yaml.Deserialize<FrontMatter>(string.Join('\n', lines[1..end]));
        }
        catch (YamlException ex)
        {
            return Rejected(path, $"front matter line {ex.Start.Line + 1}: {ex.InnerException?.Message ?? ex.Message}");
        }
        if (front is null) return Rejected(path, "the front matter is empty");

        var errors = new List<string>();
        if (!AudienceRules.TryParseArticleAudience(front.Audience ?? "public", out var audience))
            errors.Add("audience: must be 'public' or 'internal'");
        DateOnly? updated = null;
        if (front.Updated is not null)
        {
            if (DateOnly.TryParseExact(front.Updated, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) updated = date;
            else errors.Add("updated: must be a date written YYYY-MM-DD");
        }
        var article = new Article(
            front.Id ?? string.Empty,
            front.Title ?? string.Empty,
            front.Url,
            front.Locale ?? "en",
            audience,
            front.ProductArea,
            front.Tags ?? [],
            updated,
            string.Join('\n', lines[(end + 1)..]).Trim(),
            front.Published ?? true);
        errors.AddRange(ArticleRules.Validate(article).Select(e => $"{ToFrontMatterName(e.Key)}: {string.Join("; ", e.Value)}"));
        return errors.Count == 0 ? new ArticleFile(path, article, []) : new ArticleFile(path, null, errors);
    }

    private static string ToFrontMatterName(string field) => field == "productArea" ? "product_area" : field;

    private static ArticleFile Rejected(string path, string error) => new(path, null, [error]);

    private sealed class FrontMatter
    {
        public string? Id { get; set; }
        public string? Title { get; set; }
        public string? Url { get; set; }
        public string? Locale { get; set; }
        public string? Audience { get; set; }
        public string? ProductArea { get; set; }
        public List<string>? Tags { get; set; }
        public string? Updated { get; set; }
        public bool? Published { get; set; }
    }
}
