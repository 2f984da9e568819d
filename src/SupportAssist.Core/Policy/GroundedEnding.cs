namespace SupportAssist.Policy;

/// <summary>How a <see cref="GroundedReply"/> ends: the <paramref name="Rest"/> to show (empty for none), or a withdrawal of what was shown.</summary>
public readonly record struct GroundedEnding(string Rest, bool Withdraw);
