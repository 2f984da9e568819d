using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportAssist.Deflection;
using SupportAssist.Drafting;
using SupportAssist.Infrastructure.Policy;
using SupportAssist.Policy;

namespace SupportAssist.Infrastructure;

/// <summary>Registers end-user deflection and agent drafts: policies, services and the outcome store (composers: <see cref="LanguageModelRegistration"/>).</summary>
public static class DeflectionRegistration
{
    /// <summary>
    /// Deflection over the configured answer composer. Handoff patterns are compiled at start-up, so a bad configured pattern stops the service with its text.
    /// </summary>
    public static IHostApplicationBuilder AddDeflection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DeflectionOptions>().BindConfiguration(DeflectionOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.AnswerThreshold is not { } answer || o.SuggestThreshold <= answer, "SuggestThreshold must not be above AnswerThreshold")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DeflectionOptions>, HandoffPatternsValidation>();
        builder.Services.AddSingleton<IValidateOptions<DeflectionOptions>, PolicyModelValidation>();
        builder.Services.AddSingleton(sp => AnswerabilityModelFile.Read(PolicyModelPath(sp.GetRequiredService<IOptions<DeflectionOptions>>().Value, sp.GetRequiredService<IHostEnvironment>())));
        builder.Services.AddSingleton(sp => new HumanHandoffRules(sp.GetRequiredService<IOptions<DeflectionOptions>>().Value.HandoffPatterns));
        builder.Services.AddSingleton<DeflectionPolicy>();
        builder.Services.AddSingleton<DeflectionService>();
        return builder;
    }

    /// <summary>Agent drafts: the draft service over the configured draft composer and the outcome store.</summary>
    public static IHostApplicationBuilder AddDrafts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DraftOptions>().BindConfiguration(DraftOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DraftService>();
        return builder;
    }

    private static string PolicyModelPath(DeflectionOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(options.PolicyModelPath, environment.ContentRootPath);

    // The model file is read at start-up, so a missing or stale one stops the service naming the option and the fix.
    private sealed class PolicyModelValidation(IHostEnvironment environment) : IValidateOptions<DeflectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeflectionOptions options)
        {
            try
            {
                _ = AnswerabilityModelFile.Read(PolicyModelPath(options, environment));
                return ValidateOptionsResult.Success;
            }
            catch (InvalidDataException error)
            {
                return ValidateOptionsResult.Fail($"{DeflectionOptions.Section}:PolicyModelPath: {error.Message}");
            }
        }
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
