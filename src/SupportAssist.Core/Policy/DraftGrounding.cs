using SupportAssist.Answering;

namespace SupportAssist.Policy;

/// <summary>
/// The grounding rule for an agent's draft reply, which goes to the customer: it may cite only passages it was
/// given, and never an internal one (citing it means relying on it, and may reveal it).
/// </summary>
public static class DraftGrounding
{
    /// <summary>What breaks the rule in <paramref name="text"/> given <paramref name="passages"/>, in our words; null when it is grounded.</summary>
    public static string? Problem(string text, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(passages);
        var check = CitationCheck.Of(text, passages.Select(p => p.Number).ToList());
        if (check.Unknown.Count > 0) return $"the draft cited passages it was not given ({string.Join(", ", check.Unknown)})";
        var internalCited = check.Cited.Where(n => passages.First(p => p.Number == n).Chunk.Audience == Knowledge.ArticleAudience.Internal).ToList();
        return internalCited.Count > 0 ? $"the draft cited internal articles in the customer's reply ({string.Join(", ", internalCited)})" : null;
    }
}
