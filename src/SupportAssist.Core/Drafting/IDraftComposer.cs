using SupportAssist.Answering;

namespace SupportAssist.Drafting;

/// <summary>Drafts an agent's reply from passages, and summarises the thread. Implemented by the extractive and LLM draft composers.</summary>
public interface IDraftComposer
{
    /// <summary>
    /// A reply to the customer's latest message, citing public passages as <c>[n]</c>; internal passages may be
    /// listed among the citations for the agent but are never cited or quoted in the reply.
    /// </summary>
    Task<ComposedAnswer> DraftReplyAsync(DraftRequest request, CancellationToken cancellationToken);

    /// <summary>A short summary of the thread for the agent (no citations).</summary>
    Task<ComposedAnswer> SummarizeAsync(DraftRequest request, CancellationToken cancellationToken);
}
