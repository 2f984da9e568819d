namespace SupportAssist.Evals.Pii;

/// <summary>What the redactor did on one labelled value: found (every letter and digit of it replaced), and with the label's kind.</summary>
public sealed record PiiOutcome(string MessageId, string Language, string Kind, string Value, bool Found, bool KindMatches);
