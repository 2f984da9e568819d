namespace SupportAssist.Triage;

/// <summary>An incoming ticket as triage sees it.</summary>
/// <param name="Channel">Where it came from, such as <c>email</c>, <c>chat</c> or <c>web</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="PreviousContacts">Earlier tickets from this customer on the same matter, when the help desk knows.</param>
public sealed record TriageRequest(string Subject, string Body, string? Channel, string? CustomerPlan, string? Country, string? Locale, int PreviousContacts = 0)
{
    /// <summary>What the classifiers read: the subject, a newline, the body (as in the labelled data).</summary>
    public string Text => Subject + "\n" + Body;
}
