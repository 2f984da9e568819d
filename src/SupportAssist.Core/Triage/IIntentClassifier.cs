namespace SupportAssist.Triage;

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
