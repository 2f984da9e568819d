using SupportAssist.Answering;
using SupportAssist.Retrieval;
using SupportAssist.Text;
using SupportAssist.Triage;

namespace SupportAssist.Drafting;

/// <summary>A drafted reply for the agent, with what it relies on and a summary of the thread.</summary>
/// <param name="Reply">The draft; its citations may include internal articles, which the reply text never quotes.</param>
/// <param name="Summary">The thread summary for the agent.</param>
public sealed record DraftResult(
    Guid Id,
    Language Language,
    ComposedAnswer Reply,
    ComposedAnswer Summary,
    IReadOnlyList<ArticleHit> SuggestedArticles,
    IReadOnlyList<string> Reasons,
    bool Degraded)
{
    /// <summary>The ticket's triage, when a triage model is loaded.</summary>
    public TriageResult? Triage { get; init; }

    /// <summary>The numbered passages the composer was given (what an evaluation judges groundedness against).</summary>
    public IReadOnlyList<Passage> Passages { get; init; } = [];
}
