using SupportAssist.Triage;

namespace SupportAssist.Api.Triage;

/// <summary>A ticket to triage.</summary>
/// <param name="Channel">Where it came from: <c>email</c>, <c>chat</c>, <c>web</c>, <c>phone</c> or <c>api</c>.</param>
/// <param name="PreviousContacts">Earlier tickets from this customer on the same matter (0 when unknown).</param>
public sealed record TriageRequestBody(string? Subject, string? Body, string? Channel, TriageCustomerBody? Customer, int? PreviousContacts);

/// <summary>What the help desk knows about the customer.</summary>
public sealed record TriageCustomerBody(string? Plan, string? Country, string? Locale);

/// <summary>An intent and its probability.</summary>
public sealed record IntentScoreBody(string Intent, double Score);

/// <summary>
/// The triage of a ticket: <c>intent</c> (<c>unknown</c> when no known intent fits), <c>category</c>, <c>priority</c>
/// (P1 to P4), <c>queue</c>, <c>sentiment</c> (negative, neutral, positive) with <c>frustrated</c>, <c>language</c>,
/// the kinds of personal data found, the <c>confidence</c>, whether a person must review it, the next intents, and why.
/// </summary>
public sealed record TriageBody(
    string Intent,
    string Category,
    string Priority,
    string Queue,
    string Sentiment,
    bool Frustrated,
    string Language,
    IReadOnlyList<string> PiiKinds,
    double Confidence,
    bool NeedsHumanReview,
    IReadOnlyList<IntentScoreBody> Alternatives,
    IReadOnlyList<string> Reasons,
    string Classifier)
{
    public static TriageBody Of(TriageResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Intent, result.Category, result.Priority.ToString(), result.Queue, result.Sentiment.ToString().ToLowerInvariant(), result.Frustrated,
            result.Language, result.PiiKinds, result.Confidence, result.NeedsHumanReview,
            result.Alternatives.Select(a => new IntentScoreBody(a.Intent, a.Score)).ToList(), result.Reasons, result.Classifier);
    }
}

/// <summary>The triage with the id of its recorded outcome.</summary>
public sealed record TriageResponse(Guid Id, TriageBody Triage);
