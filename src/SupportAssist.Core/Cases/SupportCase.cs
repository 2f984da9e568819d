namespace SupportAssist.Cases;

/// <summary>
/// A customer's request for help from the contact form, with everything an agent needs to answer it: the message
/// and contact email (kept for the agent; cards, IBANs, keys and tokens replaced), the triage, what the customer was
/// shown before contacting, and the replies recorded.
/// </summary>
/// <param name="Reference">Short and readable, for the customer to quote (<c>SA-7K3Q-9XRT</c>).</param>
public sealed record SupportCase(
    Guid Id,
    string Reference,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    CaseStatus Status,
    string Subject,
    string Message,
    string ContactEmail,
    string? Locale,
    string? Plan,
    CaseTriage Triage,
    IReadOnlyList<SeenDeflection> Seen,
    IReadOnlyList<CaseReply> Replies)
{
    /// <summary>The drafts made for this case, oldest first.</summary>
    public IReadOnlyList<Guid> Drafts { get; init; } = [];
}
