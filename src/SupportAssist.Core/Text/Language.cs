namespace SupportAssist.Text;

/// <summary>A language: its primary subtag and its English name (how prompts name it).</summary>
public sealed record Language(string Code, string Name);
