namespace SupportAssist.Triage;

/// <summary>What rules look at: the classified ticket and its text (lowercase, whitespace collapsed).</summary>
public sealed record TicketFacts(string Intent, string Category, Priority? Priority, string? Plan, string Language, string? Channel, string Text)
{
    /// <summary>Lowercases and collapses whitespace, so keyword phrases match across line breaks.</summary>
    public static string Normalize(string text) => string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
