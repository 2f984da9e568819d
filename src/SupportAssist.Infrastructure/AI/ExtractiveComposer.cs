using System.Text;
using SupportAssist.Answering;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// The offline composer: quotes the sentences, list items and numbered procedures of the passages that best
/// answer the question, chosen for relevance and diversity (maximal marginal relevance), in reading order,
/// each followed by the citation of its passage. Relevance is meaning first (the unit's embedding similarity to
/// the question, when the request carries scored units) and shared words second. It writes nothing of its own,
/// and says so: its answers carry <see cref="AnswerMode.Extractive"/>.
/// </summary>
public sealed class ExtractiveComposer(int maxUnits = 4, int maxChars = 700, double lambda = 0.7) : IAnswerComposer
{
    private const double MinimumShareOfBest = 0.5;
    private const double NearDuplicate = 0.8;

    // How much of a unit's relevance is meaning (embedding similarity) and how much shared words, when both are known.
    private const double MeaningWeight = 0.6;

    public Task<ComposedAnswer> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var queryStems = SnippetBuilder.QueryStems(request.Question);
        var units = request.Units.Count > 0 ? request.Units : AnswerUnits.Of(request.Passages);
        var byMeaning = units.Any(u => u.Similarity > 0);
        var scored = units
            .Select(unit => (Unit: unit, Relevance: Relevance(unit, queryStems, byMeaning)))
            .Where(candidate => candidate.Relevance > 0 && (byMeaning || candidate.Unit.Stems.Overlaps(queryStems)))
            .ToList();
        if (scored.Count == 0)
            return Task.FromResult(new ComposedAnswer("", AnswerMode.Extractive, [], "no sentence of the retrieved passages shares a content word with the question"));

        // Units far weaker than the best one are padding, not answer.
        var floor = MinimumShareOfBest * scored.Max(candidate => candidate.Relevance);
        var chosen = Select(scored.Where(candidate => candidate.Relevance >= floor).ToList());
        var text = new StringBuilder();
        foreach (var unit in chosen.OrderBy(u => u.Passage.Number).ThenBy(u => u.Order))
        {
            if (text.Length > 0) text.Append(unit.IsSteps || text[^1] == '\n' ? "\n" : " ");
            text.Append(unit.Text).Append(" [").Append(unit.Passage.Number).Append(']');
            if (unit.IsSteps) text.Append('\n');
        }
        var citations = chosen
            .GroupBy(u => u.Passage.Number)
            .OrderBy(g => g.Key)
            .Select(g => Citation.Of(g.First().Passage, string.Join(" ", g.OrderBy(u => u.Order).Select(u => u.Text))))
            .ToList();
        return Task.FromResult(new ComposedAnswer(text.ToString().Trim(), AnswerMode.Extractive, citations, null));
    }

    // Greedy maximal marginal relevance over the units, within the unit and character budgets.
    private List<AnswerUnit> Select(List<(AnswerUnit Unit, double Relevance)> scored)
    {
        var chosen = new List<AnswerUnit>();
        var chars = 0;
        var remaining = scored.ToList();
        while (remaining.Count > 0 && chosen.Count < maxUnits)
        {
            var best = remaining
                .Select(candidate => (candidate.Unit, Value: lambda * candidate.Relevance - (1 - lambda) * chosen.Select(c => Overlap(c, candidate.Unit)).DefaultIfEmpty(0).Max()))
                .MaxBy(candidate => candidate.Value);
            remaining.RemoveAll(candidate => ReferenceEquals(candidate.Unit, best.Unit));
            if (chosen.Count > 0 && chars + best.Unit.Text.Length > maxChars) continue;
            if (chosen.Any(c => Overlap(c, best.Unit) >= NearDuplicate)) continue;
            chosen.Add(best.Unit);
            chars += best.Unit.Text.Length;
        }
        return chosen;
    }

    // Meaning (the unit's similarity to the question) and shared words (share of the question's stems the unit
    // contains, and their density), slightly favouring passages retrieval ranked higher.
    private static double Relevance(AnswerUnit unit, HashSet<string> queryStems, bool byMeaning)
    {
        var lexical = 0.0;
        if (queryStems.Count > 0)
        {
            var shared = unit.Stems.Count(queryStems.Contains);
            var coverage = shared / (double)queryStems.Count;
            var density = shared / Math.Sqrt(Math.Max(unit.Stems.Count, 1));
            lexical = 0.7 * coverage + 0.3 * Math.Min(density, 1);
        }
        var relevance = byMeaning ? MeaningWeight * Math.Max(unit.Similarity, 0) + (1 - MeaningWeight) * lexical : lexical;
        var rank = 1 / (1 + 0.1 * (unit.Passage.Number - 1));
        return relevance * rank;
    }

    private static double Overlap(AnswerUnit a, AnswerUnit b)
    {
        var shared = a.Stems.Count(b.Stems.Contains);
        var union = a.Stems.Count + b.Stems.Count - shared;
        return union == 0 ? 0 : shared / (double)union;
    }
}
