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

/// <summary>An intent and the classifier's probability for it.</summary>
public sealed record IntentScore(string Intent, double Score);

/// <summary>A classifier's probabilities over its known intents, best first.</summary>
public sealed record IntentPrediction(IReadOnlyList<IntentScore> Ranked)
{
    /// <summary>The best intent.</summary>
    public IntentScore Top => Ranked[0];

    /// <summary>What the reader should know about how this prediction was made (a fallback, say); null when nothing.</summary>
    public string? Note { get; init; }

    /// <summary>The out-of-scope threshold this prediction is judged by, when not the classifier's own (a fallback's).</summary>
    public double? Threshold { get; init; }

    /// <summary>The prompt and version, when a language model chose the intent.</summary>
    public string? Prompt { get; init; }

    /// <summary>The language model's token usage, when one was called.</summary>
    public Answering.TokenUsage? Usage { get; init; }
}

/// <summary>Predicts the intent of a ticket's text. Implemented by the trained classifiers (ML.NET, nearest neighbours, both).</summary>
public interface IIntentClassifier
{
    /// <summary>Names the classifier and its model version, as recorded in results and outcomes.</summary>
    string Name { get; }

    /// <summary>The confidence under which a ticket is out of scope (intent <c>unknown</c>), chosen on validation data at training.</summary>
    double OutOfScopeThreshold { get; }

    /// <summary>Probabilities over the known intents for <paramref name="text"/>.</summary>
    Task<IntentPrediction> PredictAsync(string text, CancellationToken cancellationToken);
}

/// <summary>Ticket priority, P1 (most urgent) to P4.</summary>
public enum Priority
{
    /// <summary>Urgent: outage, security compromise, legal threat.</summary>
    P1 = 1,

    /// <summary>High.</summary>
    P2 = 2,

    /// <summary>Normal.</summary>
    P3 = 3,

    /// <summary>Low.</summary>
    P4 = 4,
}

/// <summary>The tone of a ticket.</summary>
public enum Sentiment
{
    /// <summary>Unhappy, worried or angry.</summary>
    Negative,

    /// <summary>Matter-of-fact.</summary>
    Neutral,

    /// <summary>Pleased or thankful.</summary>
    Positive,
}

/// <summary>What triage decided for a ticket, and why.</summary>
/// <param name="Intent">The best known intent, or <c>unknown</c> when the ticket matches none well enough.</param>
/// <param name="Confidence">The classifier's probability for the intent.</param>
/// <param name="Alternatives">The next intents with their probabilities.</param>
/// <param name="PiiKinds">Kinds of personal data found (<c>email</c>, <c>card_number</c>, …), before redaction.</param>
/// <param name="Reasons">Which rules fired and why the ticket goes where it goes.</param>
public sealed record TriageResult(
    string Intent,
    string Category,
    Priority Priority,
    string Queue,
    Sentiment Sentiment,
    bool Frustrated,
    string Language,
    IReadOnlyList<string> PiiKinds,
    double Confidence,
    bool NeedsHumanReview,
    IReadOnlyList<IntentScore> Alternatives,
    IReadOnlyList<string> Reasons,
    string Classifier)
{
    /// <summary>The prompt and version, when a language model chose the intent.</summary>
    public string? Prompt { get; init; }

    /// <summary>The language model's token usage, when one was called.</summary>
    public Answering.TokenUsage? Usage { get; init; }
}

/// <summary>Triage has no model: none was trained and there is no labelled data to train from.</summary>
public sealed class TriageUnavailableException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public TriageUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TriageUnavailableException() : this("no triage model is loaded")
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public TriageUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
