using System.Text;
using Microsoft.SemanticKernel;
using SupportAssist.Answering;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure.Triage;

/// <summary>
/// Zero-shot triage by the configured language model (<c>Triage:Classifier = llm</c>) over the intents of the
/// rules, from the <c>triage-intent</c> prompt. The trained classifier stays the fallback: when the model fails,
/// or answers with something that is not an intent, its prediction (scores and threshold unchanged) is used and a
/// note says so. The model's choice scores 1 (and <c>unknown</c> puts the trained classifier's best intent at 0,
/// under the threshold); the trained classifier's other intents follow as alternatives.
/// </summary>
public sealed class LlmIntentClassifier(LanguageModel model, PromptDefinition prompt, IIntentClassifier trained, TriageRuleSet rules, LlmOptions options) : IIntentClassifier
{
    public string Name => $"llm:{model.Name}/{prompt.Name}@{prompt.Version} (fallback {trained.Name})";

    public double OutOfScopeThreshold => 0.5;

    public async Task<IntentPrediction> PredictAsync(string text, CancellationToken cancellationToken)
    {
        var fallback = await trained.PredictAsync(text, cancellationToken);
        string answer;
        TokenUsage? usage;
        var promptName = $"{prompt.Name}@{prompt.Version}";
        try
        {
            var arguments = new KernelArguments
            {
                ["company"] = options.Company,
                ["intents"] = string.Join("\n", rules.Intents.Select(i => $"{i.Key} ({i.Value})")),
            };
            var data = "<ticket>\n" + text.Replace("<ticket>", "[tag removed]", StringComparison.OrdinalIgnoreCase)
                .Replace("</ticket>", "[tag removed]", StringComparison.OrdinalIgnoreCase) + "\n</ticket>";
            var reply = await model.CompleteAsync(prompt, arguments, data, cancellationToken);
            usage = reply.Usage;
            answer = reply.Text.Trim().Trim('.', '"', '`', '\'').Trim();
        }
        catch (LanguageModelUnavailableException error)
        {
            return Fallback(fallback, $"the language model could not classify ({error.Reason}); the trained classifier decided", null);
        }
        if (answer == TriageService.Unknown)
            return new IntentPrediction([fallback.Top with { Score = 0 }, .. fallback.Ranked.Skip(1)]) { Note = "the language model found no intent that fits", Prompt = promptName, Usage = usage };
        if (!rules.Intents.ContainsKey(answer))
            return Fallback(fallback, $"the language model answered outside the intent list (\"{Shorten(answer)}\"); the trained classifier decided", usage) with { Prompt = promptName };
        return new IntentPrediction([new IntentScore(answer, 1), .. fallback.Ranked.Where(s => s.Intent != answer)]) { Note = "intent chosen by the language model", Prompt = promptName, Usage = usage };
    }

    // The trained classifier's own prediction, scores unchanged, judged by its own threshold.
    private IntentPrediction Fallback(IntentPrediction fallback, string note, TokenUsage? usage) =>
        fallback with { Note = note, Threshold = trained.OutOfScopeThreshold, Usage = usage };

    private static string Shorten(string text)
    {
        var flat = new StringBuilder(text.Length);
        foreach (var c in text) flat.Append(char.IsControl(c) ? ' ' : c);
        return flat.Length <= 40 ? flat.ToString() : flat.ToString(0, 40) + "…";
    }
}
