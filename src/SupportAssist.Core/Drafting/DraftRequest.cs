using SupportAssist.Answering;
using SupportAssist.Text;

namespace SupportAssist.Drafting;

/// <summary>What a draft composer works from: the ticket (redacted), the numbered passages (public and internal), and the style.</summary>
/// <param name="Language">The ticket's language: the reply is written in it.</param>
/// <param name="SummaryLanguage">The agents' language, as an English name: the summary is written in it.</param>
public sealed record DraftRequest(Ticket Ticket, IReadOnlyList<Passage> Passages, Language Language, string Tone, int MaxWords, string SummaryLanguage, int SummarySentences);
