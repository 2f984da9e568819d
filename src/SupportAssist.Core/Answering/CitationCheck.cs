using System.Text.RegularExpressions;

namespace SupportAssist.Answering;

/// <summary>
/// The citations an answer makes, checked against the passages it was given. An answer is grounded when it
/// cites at least one passage and every number it cites was offered; anything else is not shown as an answer.
/// </summary>
/// <param name="Cited">Offered passage numbers the answer cites, in order of first appearance.</param>
/// <param name="Unknown">Numbers the answer cites that were not offered (invented citations).</param>
public sealed partial record CitationCheck(IReadOnlyList<int> Cited, IReadOnlyList<int> Unknown)
{
    /// <summary>Cites something, and nothing it was not given.</summary>
    public bool IsGrounded => Cited.Count > 0 && Unknown.Count == 0;

    /// <summary>Reads <c>[1]</c>, <c>[1, 3]</c> and <c>[1][2]</c> markers in <paramref name="answer"/>; other brackets are text.</summary>
    public static CitationCheck Of(string answer, IReadOnlyCollection<int> offered)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(offered);
        var cited = new List<int>();
        var unknown = new List<int>();
        foreach (Match marker in Marker().Matches(answer))
        {
            foreach (var part in marker.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // A number too long for int is an invented citation like any other.
                var known = int.TryParse(part, out var number) && offered.Contains(number);
                var list = known ? cited : unknown;
                var value = known ? number : (int.TryParse(part, out number) ? number : -1);
                if (!list.Contains(value)) list.Add(value);
            }
        }
        return new CitationCheck(cited, unknown);
    }

    [GeneratedRegex(@"\[(\d+(?:\s*,\s*\d+)*)\]")]
    private static partial Regex Marker();
}
