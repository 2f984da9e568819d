namespace SupportAssist.Api.Triage;

/// <summary>A ticket to triage.</summary>
/// <param name="Channel">Where it came from: <c>email</c>, <c>chat</c>, <c>web</c>, <c>phone</c> or <c>api</c>.</param>
/// <param name="PreviousContacts">Earlier tickets from this customer on the same matter (0 when unknown).</param>
public sealed record TriageRequestBody(string? Subject, string? Body, string? Channel, TriageCustomerBody? Customer, int? PreviousContacts);
