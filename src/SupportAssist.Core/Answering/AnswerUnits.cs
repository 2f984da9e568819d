using System.Text.RegularExpressions;

namespace SupportAssist.Answering;

/// <summary>
/// Cuts passages into <see cref="AnswerUnit"/>s. Headings, table rules and code blocks are left out (a quoted
/// fragment of code would mislead; the citation links to the whole article); a table's header row alone says
/// nothing, nor does a sentence ending in ':' that introduces what follows.
/// </summary>
public static partial class AnswerUnits
{
    /// <summary>The units of every passage, in passage and reading order.</summary>
    public static List<AnswerUnit> Of(IEnumerable<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        return passages.SelectMany(Of).ToList();
    }

    /// <summary>The units of one passage in reading order.</summary>
    public static IEnumerable<AnswerUnit> Of(Passage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
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
                yield return new AnswerUnit(passage, order++, string.Join("\n", steps), IsSteps: true);
                steps.Clear();
            }
            if (line.Length == 0 || line.StartsWith('#') || TableRule().IsMatch(line)) continue;
            if (line.StartsWith('|'))
            {
                if (index + 1 < lines.Length && TableRule().IsMatch(lines[index + 1].Trim())) continue;
                var cells = line.Trim('|').Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (cells.Length > 0) yield return new AnswerUnit(passage, order++, string.Join(": ", cells), IsSteps: false);
                continue;
            }
            var bullet = Bullet().Match(line);
            if (bullet.Success)
            {
                yield return new AnswerUnit(passage, order++, line[bullet.Length..].Trim(), IsSteps: false);
                continue;
            }
            foreach (var sentence in SentenceEnd().Split(line))
            {
                var text = sentence.Trim();
                if (text.Length > 0 && !text.EndsWith(':')) yield return new AnswerUnit(passage, order++, text, IsSteps: false);
            }
        }
        if (steps.Count > 0) yield return new AnswerUnit(passage, order, string.Join("\n", steps), IsSteps: true);
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
