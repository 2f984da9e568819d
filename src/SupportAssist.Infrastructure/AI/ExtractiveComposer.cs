using System.Text;
using System.Text.RegularExpressions;
using SupportAssist.Answering;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// The offline composer: quotes the sentences, list items and numbered procedures of the passages that best
/// match the question, chosen for relevance and diversity (maximal marginal relevance), in reading order,
/// each followed by the citation of its passage. It writes nothing of its own, and says so: its answers
/// carry <see cref="AnswerMode.Extractive"/>.
/// </summary>
public sealed partial class ExtractiveComposer(int maxUnits = 4, int maxChars = 700, double lambda = 0.7) : IAnswerComposer
{
    private const double MinimumShareOfBest = 0.5;
    private const double NearDuplicate = 0.8;

    public Task<ComposedAnswer> ComposeAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var queryStems = SnippetBuilder.QueryStems(request.Question);
        var units = request.Passages.SelectMany(passage => Units(passage)).ToList();
        var scored = units
            .Select(unit => (Unit: unit, Relevance: Relevance(unit, queryStems)))
            .Where(candidate => candidate.Relevance > 0)
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
    private List<Unit> Select(List<(Unit Unit, double Relevance)> scored)
    {
        var chosen = new List<Unit>();
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

    // Share of the question's stems the unit contains, slightly favouring passages retrieval ranked higher
    // and short units over long ones with the same words.
    private static double Relevance(Unit unit, HashSet<string> queryStems)
    {
        if (queryStems.Count == 0) return 0;
        var shared = unit.Stems.Count(queryStems.Contains);
        if (shared == 0) return 0;
        var coverage = shared / (double)queryStems.Count;
        var density = shared / Math.Sqrt(Math.Max(unit.Stems.Count, 1));
        var rank = 1 / (1 + 0.1 * (unit.Passage.Number - 1));
        return (0.7 * coverage + 0.3 * Math.Min(density, 1)) * rank;
    }

    private static double Overlap(Unit a, Unit b)
    {
        var shared = a.Stems.Count(b.Stems.Contains);
        var union = a.Stems.Count + b.Stems.Count - shared;
        return union == 0 ? 0 : shared / (double)union;
    }

    // Cuts a passage into quotable units: a numbered procedure stays whole, in its order; a bullet or a
    // table row is one unit; prose is cut into sentences. Headings, table rules and code blocks are left
    // out (a quoted fragment of code would mislead; the citation links to the whole article).
    private static IEnumerable<Unit> Units(Passage passage)
    {
        var order = 0;
        var steps = new List<string>();
        var inFence = false;
        var lines = passage.Chunk.Text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }
            if (inFence) continue;
            if (NumberedStep().IsMatch(line))
            {
                steps.Add(line);
                continue;
            }
            if (steps.Count > 0)
            {
                yield return new Unit(passage, order++, string.Join("\n", steps), IsSteps: true);
                steps.Clear();
            }
            if (line.Length == 0 || line.StartsWith('#') || TableRule().IsMatch(line)) continue;
            if (line.StartsWith('|'))
            {
                // A header row (the row above the rule) names columns; alone it answers nothing.
                if (index + 1 < lines.Length && TableRule().IsMatch(lines[index + 1].Trim())) continue;
                var cells = line.Trim('|').Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (cells.Length > 0) yield return new Unit(passage, order++, string.Join(": ", cells), IsSteps: false);
                continue;
            }
            var bullet = Bullet().Match(line);
            if (bullet.Success)
            {
                yield return new Unit(passage, order++, line[bullet.Length..].Trim(), IsSteps: false);
                continue;
            }
            foreach (var sentence in SentenceEnd().Split(line))
            {
                // A sentence ending in ':' introduces what follows (often a left-out code block); alone it says nothing.
                var text = sentence.Trim();
                if (text.Length > 0 && !text.EndsWith(':')) yield return new Unit(passage, order++, text, IsSteps: false);
            }
        }
        if (steps.Count > 0) yield return new Unit(passage, order, string.Join("\n", steps), IsSteps: true);
    }

    private sealed record Unit(Passage Passage, int Order, string Text, bool IsSteps)
    {
        public HashSet<string> Stems { get; } = SnippetBuilder.QueryStems(Text);
    }

    [GeneratedRegex(@"^\d{1,2}[.)]\s")]
    private static partial Regex NumberedStep();

    [GeneratedRegex(@"^[-*+]\s")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\|?\s*:?-{3,}")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}¿¡0-9])")]
    private static partial Regex SentenceEnd();
}
