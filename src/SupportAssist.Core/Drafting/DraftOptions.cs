using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Drafting;

/// <summary>Agent drafts' settings. Bound from <c>SupportAssist:Drafts</c>.</summary>
public sealed class DraftOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "SupportAssist:Drafts";

    /// <summary>The tone drafts are written in, as the prompt reads it.</summary>
    [Required, StringLength(80, MinimumLength = 3)]
    public string Tone { get; set; } = "friendly and concise";

    /// <summary>Retrieved chunks (public and internal) offered to the composer.</summary>
    [Range(1, 20)]
    public int Passages { get; set; } = 5;

    /// <summary>Articles suggested with every draft.</summary>
    [Range(1, 10)]
    public int SuggestedArticles { get; set; } = 3;

    /// <summary>The longest draft, in words.</summary>
    [Range(30, 1000)]
    public int MaxWords { get; set; } = 180;

    /// <summary>The longest thread summary, in sentences.</summary>
    [Range(1, 10)]
    public int SummarySentences { get; set; } = 3;

    /// <summary>The language agents read summaries in, as an English name.</summary>
    [Required, StringLength(40, MinimumLength = 2)]
    public string AgentLanguage { get; set; } = "English";

    /// <summary>Longest subject accepted, in characters.</summary>
    [Range(16, 2000)]
    public int MaxSubjectChars { get; set; } = 300;

    /// <summary>Longest body or thread message accepted, in characters.</summary>
    [Range(100, 100_000)]
    public int MaxMessageChars { get; set; } = 10_000;

    /// <summary>Most thread messages accepted.</summary>
    [Range(1, 500)]
    public int MaxThreadMessages { get; set; } = 50;
}
