using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportAssist.Privacy;
using SupportAssist.Retrieval;

namespace SupportAssist.Api.Pages.Console;

/// <summary>The help center as agents see it: internal articles included, and marked.</summary>
public sealed class SearchModel(HybridRetriever retriever, IKnowledgeStore articles) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<(ArticleHit Hit, bool Internal)> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Q)) return;
        var query = PiiRedactor.Redact(Q.Length > 1000 ? Q[..1000] : Q).Text;
        var result = await retriever.RetrieveAsync(new RetrievalQuery(query, new RetrievalFilter(Audience.Agent), 10), cancellationToken);
        var found = new List<(ArticleHit, bool)>();
        foreach (var hit in result.Articles)
            found.Add((hit, (await articles.GetArticleAsync(hit.ArticleId, cancellationToken))?.Article.Audience == ArticleAudience.Internal));
        Results = found;
    }
}
