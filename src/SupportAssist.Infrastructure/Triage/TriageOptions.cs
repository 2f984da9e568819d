using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>Ticket triage. Bound from <c>SupportAssist:Triage</c>; relative paths are under the content root.</summary>
public sealed class TriageOptions
{
    public const string Section = "SupportAssist:Triage";

    /// <summary>The rules (intents and categories, priority and routing rules, queues) as JSON.</summary>
    [Required]
    public string RulesFile { get; set; } = "triage-rules.json";

    /// <summary>The trained model's folder (written by the eval CLI's <c>train</c>, or after start-up from <see cref="TrainingData"/>).</summary>
    [Required]
    public string ModelFolder { get; set; } = "data/triage-model";

    /// <summary>
    /// Train the model after start-up (in the background) when it is missing or was trained on other data: the
    /// embedded default. A production deployment sets it false and points every replica's <see cref="ModelFolder"/>
    /// at one artefact built by <c>train</c>; without one, triage reports not ready and says which command builds it.
    /// </summary>
    public bool TrainOnStart { get; set; } = true;

    /// <summary>Labelled data (<c>train.jsonl</c>, <c>validation.jsonl</c>, <c>test.jsonl</c>) to train from at start-up when the model is missing or was trained on other data; empty switches that off.</summary>
    public string? TrainingData { get; set; } = "../../evals/datasets/triage";

    /// <summary>
    /// <c>ensemble</c>, <c>mlnet</c> or <c>knn</c>; empty means the model's default (the best on validation);
    /// <c>llm</c> asks the configured language model, with the model's default as the fallback.
    /// </summary>
    [AllowedValues(null, "", TriageModel.Ensemble, TriageModel.MlNet, TriageModel.NearestNeighbours, Llm,
        ErrorMessage = "SupportAssist:Triage:Classifier must be empty, 'ensemble', 'mlnet', 'knn' or 'llm'.")]
    public string? Classifier { get; set; }

    /// <summary>The longest ticket subject <c>POST /v1/triage</c> accepts, in characters.</summary>
    [Range(16, 2000)]
    public int MaxSubjectChars { get; set; } = 300;

    /// <summary>The longest ticket body <c>POST /v1/triage</c> accepts, in characters.</summary>
    [Range(100, 100_000)]
    public int MaxBodyChars { get; set; } = 20_000;

    public const string Llm = "llm";
}
