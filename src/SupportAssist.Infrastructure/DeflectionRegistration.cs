using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportAssist.Answering;
using SupportAssist.Deflection;
using SupportAssist.Infrastructure.AI;
using SupportAssist.Infrastructure.Sqlite;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure;

/// <summary>Registers end-user deflection: the handoff rules, the answer composer, the outcome store and the policy service.</summary>
public static class DeflectionRegistration
{
    /// <summary>
    /// Deflection on the extractive composer (the offline default; LLM composers come with the LLM providers).
    /// Handoff patterns are compiled at start-up, so a bad configured pattern stops the service with its text.
    /// </summary>
    public static IHostApplicationBuilder AddDeflection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DeflectionOptions>().BindConfiguration(DeflectionOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.SuggestThreshold <= o.AnswerThreshold, "SuggestThreshold must not be above AnswerThreshold")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DeflectionOptions>, HandoffPatternsValidation>();
        builder.Services.AddSingleton(sp => new HumanHandoffRules(sp.GetRequiredService<IOptions<DeflectionOptions>>().Value.HandoffPatterns));
        builder.Services.AddSingleton<IAnswerComposer, ExtractiveComposer>(_ => new ExtractiveComposer());
        builder.Services.AddSingleton<IOutcomeLog, SqliteOutcomeLog>();
        builder.Services.AddSingleton<DeflectionService>();
        return builder;
    }

    private sealed class HandoffPatternsValidation : IValidateOptions<DeflectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeflectionOptions options)
        {
            try
            {
                _ = new HumanHandoffRules(options.HandoffPatterns);
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException error)
            {
                return ValidateOptionsResult.Fail($"{DeflectionOptions.Section}:HandoffPatterns: {error.Message}");
            }
        }
    }
}
