using System.Text;

namespace SupportAssist.Policy;

/// <summary>
/// One streamed reply under the <see cref="GroundingRule"/>: fed the model's pieces as they come, it says what may
/// be shown now; at the end, what is still to show when the whole reply is grounded, or that what was shown must be
/// withdrawn when it is not.
/// </summary>
public sealed class GroundedReply(IReadOnlyCollection<int> offered)
{
    private readonly StringBuilder _text = new();
    private int _shown;
    private bool _decided;
    private bool _held;

    /// <summary>Everything the model wrote so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Adds <paramref name="piece"/> and returns the text that may be shown now, after what was shown before (empty when none).</summary>
    public string Append(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        _text.Append(piece);
        var text = _text.ToString();
        if (!_decided)
        {
            if (GroundingRule.MayBecomeAbstention(text)) return "";
            _decided = true;
            _held = GroundingRule.IsAbstention(text);
        }
        if (_held) return "";
        var (end, invalid) = GroundingRule.ShowableEnd(text, _shown, offered);
        _held = invalid;
        if (end <= _shown) return "";
        var show = text[_shown..end];
        _shown = end;
        return show;
    }

    /// <summary>
    /// The end of the reply: when the whole text is grounded, the rest still held back (text after the last citation,
    /// without trailing whitespace); otherwise nothing more, and a withdrawal when something was shown.
    /// </summary>
    public GroundedEnding Complete()
    {
        var text = _text.ToString();
        if (GroundingRule.IsGrounded(text.Trim(), offered)) return new GroundedEnding(text[_shown..].TrimEnd(), Withdraw: false);
        return new GroundedEnding("", Withdraw: _shown > 0);
    }
}
