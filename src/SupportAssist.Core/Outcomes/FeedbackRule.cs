namespace SupportAssist.Outcomes;

/// <summary>Decides, from the feedback already on an outcome, whether a new event is stored, a repeat, or a conflict.</summary>
public delegate FeedbackResult FeedbackRule(IReadOnlyList<FeedbackEvent> existing, FeedbackEvent incoming);
