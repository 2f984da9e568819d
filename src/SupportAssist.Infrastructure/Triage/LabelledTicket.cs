namespace SupportAssist.Infrastructure.Triage;

/// <summary>One labelled ticket: <c>{"text": "...", "label": "..."}</c>; <c>oos</c> marks out-of-scope tickets.</summary>
public sealed record LabelledTicket(string Text, string Label);
