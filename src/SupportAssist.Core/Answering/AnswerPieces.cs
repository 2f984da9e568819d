namespace SupportAssist.Answering;

/// <summary>Cuts text into word-sized pieces that concatenate back to it exactly (whitespace travels with the word before it).</summary>
public static class AnswerPieces
{
    /// <summary>The pieces of <paramref name="text"/>.</summary>
    public static IEnumerable<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i])))
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
