using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Infrastructure.Triage;
using SupportAssist.Outcomes;
using SupportAssist.Triage;

namespace SupportAssist.Infrastructure;

/// <summary>Registers ticket triage: the rules (checked at start-up), the model (loaded, or trained, in the background after start-up) and the service.</summary>
public static class TriageRegistration
{
    public static IHostApplicationBuilder AddTriage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TriageOptions>().BindConfiguration(TriageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TriageOptions>, RulesValidation>();
        builder.Services.AddSingleton(sp => TriageRulesFile.Load(RulesPath(sp.GetRequiredService<IOptions<TriageOptions>>().Value, sp.GetRequiredService<IHostEnvironment>())));
        builder.Services.AddReadinessComponent(Readiness.StartupReadiness.TriageModel, "waiting to load the triage model");
        builder.Services.AddSingleton<LoadedIntentClassifier>();
        builder.Services.AddSingleton<IIntentClassifier>(sp => sp.GetRequiredService<LoadedIntentClassifier>());
        // The language model is resolved only when the loader calls this (Classifier 'llm'), so hosts without one never build it.
        builder.Services.AddSingleton<LlmTriageClassifierFactory>(sp => trained => new LlmIntentClassifier(
            sp.GetRequiredService<LanguageModel>(), sp.GetRequiredService<IReadOnlyDictionary<string, PromptDefinition>>()["triage-intent"], trained,
            sp.GetRequiredService<TriageRuleSet>(), sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        builder.Services.AddHostedService<TriageModelLoader>();
        builder.Services.AddSingleton<TriageService>();
        return builder;
    }

    private static string RulesPath(TriageOptions options, IHostEnvironment environment) => Path.GetFullPath(options.RulesFile, environment.ContentRootPath);

    // A broken rules file stops start-up with every problem and where it is.
    private sealed class RulesValidation(IHostEnvironment environment, IOptions<LlmOptions> llm) : IValidateOptions<TriageOptions>
    {
        public ValidateOptionsResult Validate(string? name, TriageOptions options)
        {
            if (options.Classifier == TriageOptions.Llm && llm.Value.Provider == LlmOptions.Extractive)
                return ValidateOptionsResult.Fail($"{TriageOptions.Section}:Classifier 'llm' needs a language model: set SupportAssist:Llm:Provider");
            try
            {
                _ = TriageRulesFile.Load(RulesPath(options, environment));
                return ValidateOptionsResult.Success;
            }
            catch (InvalidDataException error)
            {
                return ValidateOptionsResult.Fail($"{TriageOptions.Section}:RulesFile: {error.Message}");
            }
        }
    }
}
