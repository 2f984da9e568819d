using SupportAssist.Knowledge;

namespace SupportAssist.Infrastructure.KnowledgeBase;

/// <summary>An article file read from disk: the article, or why it was rejected.</summary>
public sealed record ArticleFile(string Path, Article? Article, IReadOnlyList<string> Errors);
