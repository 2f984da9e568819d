using System.Globalization;
using System.Text.RegularExpressions;
using SupportAssist.Answering;

namespace SupportAssist.Policy;

/// <summary>
/// Every answer is grounded: a language model's reply that starts with <see cref="AbstainMarker"/> is an
/// abstention, never an answer; a final text is grounded when it cites at least one offered passage and nothing
/// else (<see cref="CitationCheck"/>); and while a reply streams, text is shown only up to the last citation whose
/// passage numbers were all offered, and nothing after a citation of a passage that was not (see
/// <see cref="GroundedReply"/>), so uncited or invented claims are never shown before the final check.
/// </summary>
public static partial class GroundingRule
{
    /// <summary>What a model replies, alone, when the passages do not answer the question.</summary>
    public const string AbstainMarker = "ABSTAIN";

    /// <summary>True when <paramref name="reply"/> is an abstention (starts with <see cref="AbstainMarker"/> after any whitespace).</summary>
    public static bool IsAbstention(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.TrimStart().StartsWith(AbstainMarker, StringComparison.Ordinal);
    }

    /// <summary>True while the start of a streamed reply could still turn out to be <see cref="AbstainMarker"/>, so nothing may be shown yet.</summary>
    public static bool MayBecomeAbstention(string replySoFar)
    {
        ArgumentNullException.ThrowIfNull(replySoFar);
        var start = replySoFar.TrimStart();
        return start.Length < AbstainMarker.Length && AbstainMarker.StartsWith(start, StringComparison.Ordinal);
    }

    /// <summary>True when the final <paramref name="text"/> is an answer that cites an offered passage and nothing else.</summary>
    public static bool IsGrounded(string text, IReadOnlyCollection<int> offered) =>
        !IsAbstention(text) && CitationCheck.Of(text, offered).IsGrounded;

    /// <summary>
    /// How far <paramref name="text"/> may be shown, given that <paramref name="shown"/> characters already are: to the
    /// end of the last citation after them whose numbers were all <paramref name="offered"/>, with the punctuation right
    /// after it ("... days [1]."), once a character after that has arrived. <c>Invalid</c> when a citation names a
    /// passage that was not offered: nothing after it may be shown.
    /// </summary>
    public static (int End, bool Invalid) ShowableEnd(string text, int shown, IReadOnlyCollection<int> offered)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(offered);
        var end = shown;
        foreach (Match marker in Marker().Matches(text, shown))
        {
            var numbers = marker.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
            if (!numbers.All(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && offered.Contains(number)))
                return (end, true);
            var after = marker.Index + marker.Length;
            while (after < text.Length && text[after] is '.' or '!' or '?' or ';' or ':' or ',') after++;
            if (after < text.Length) end = after;
        }
        return (end, false);
    }

    [GeneratedRegex(@"\[(\d+(?:\s*,\s*\d+)*)\]")]
    private static partial Regex Marker();
}
