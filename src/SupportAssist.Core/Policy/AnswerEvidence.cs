using SupportAssist.Answering;
using SupportAssist.Retrieval;
using SupportAssist.Text;

namespace SupportAssist.Policy;

/// <summary>
/// What speaks for answering a question from the retrieved passages, as the features of the answerability
/// model. Every feature is a number the pipeline already has: no extra model run.
/// </summary>
/// <param name="DenseTop">Cosine of the best chunk the dense retriever found (0 when dense did not run).</param>
/// <param name="DenseMargin">How far that best chunk is ahead of the best chunk of any other article.</param>
/// <param name="KeywordTop">The best BM25 score, as log(1 + score) (0 when BM25 found nothing).</param>
/// <param name="Agreement">1 when the dense and BM25 retrievers put the same article first, else 0.</param>
/// <param name="FusedTop">The top article's fused score, normalised to (0, 1].</param>
/// <param name="Coverage">Share of the question's content words found in one of the passages.</param>
/// <param name="UnitTop">Cosine of the passage sentence (or step) closest in meaning to the question.</param>
/// <param name="UnitCoverage">Share of the question's content words in that sentence.</param>
/// <param name="QuestionWords">log(1 + content words of the question): very short questions are ambiguous.</param>
/// <param name="English">1 when the question is English (the encoder's language), else 0.</param>
public sealed record AnswerEvidence(
    double DenseTop, double DenseMargin, double KeywordTop, double Agreement, double FusedTop, double Coverage,
    double UnitTop, double UnitCoverage, double QuestionWords, double English)
{
    /// <summary>Names of the features, in the order of <see cref="Features"/>.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["dense_top", "dense_margin", "keyword_top", "agreement", "fused_top", "coverage", "unit_top", "unit_coverage", "question_words", "english"];

    /// <summary>The features as a vector, in the order of <see cref="FeatureNames"/>.</summary>
    public double[] Features() => [DenseTop, DenseMargin, KeywordTop, Agreement, FusedTop, Coverage, UnitTop, UnitCoverage, QuestionWords, English];

    /// <summary>Collects the evidence for <paramref name="question"/> from its retrieval and the scored units of the passages offered.</summary>
    public static AnswerEvidence Collect(string question, RetrievalResult retrieval, IReadOnlyList<AnswerUnit> units, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(retrieval);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(passages);
        var dense = Best(retrieval.Chunks, HybridRetriever.Dense);
        var keyword = Best(retrieval.Chunks, HybridRetriever.Bm25);
        var denseTop = dense.Count > 0 ? dense[0].Score : 0;
        var runnerUp = dense.Count > 0 ? dense.Skip(1).FirstOrDefault(h => h.ArticleId != dense[0].ArticleId) : default;
        var margin = dense.Count > 0 ? denseTop - (runnerUp.ArticleId is null ? 0 : runnerUp.Score) : 0;
        var agreement = dense.Count > 0 && keyword.Count > 0 && dense[0].ArticleId == keyword[0].ArticleId ? 1 : 0;
        var stems = SnippetBuilder.QueryStems(question);
        var best = units.Count == 0 ? null : units.MaxBy(u => u.Similarity);
        var unitCoverage = best is null || stems.Count == 0 ? 0 : best.Stems.Count(stems.Contains) / (double)stems.Count;
        return new AnswerEvidence(
            denseTop,
            margin,
            keyword.Count > 0 ? Math.Log(1 + Math.Max(0, keyword[0].Score)) : 0,
            agreement,
            retrieval.Articles.Count > 0 ? retrieval.Articles[0].Score : 0,
            LexicalCoverage.Of(stems, passages.Select(p => p.Chunk)),
            best?.Similarity ?? 0,
            unitCoverage,
            Math.Log(1 + stems.Count),
            LanguageGuess.Of(question).Name == "English" ? 1 : 0);
    }

    // One retriever's hits among the fused chunks, best first: (article, the retriever's own score).
    private static List<(string ArticleId, double Score)> Best(IReadOnlyList<FusedChunk> chunks, string retriever) =>
        chunks.SelectMany(c => c.Sources.Where(s => s.Retriever == retriever).Select(s => (c.Chunk.ArticleId, s.Rank, s.Score)))
            .OrderBy(h => h.Rank).Select(h => (h.ArticleId, h.Score)).ToList();
}
