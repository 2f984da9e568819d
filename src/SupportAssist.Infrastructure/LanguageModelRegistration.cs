using Azure.AI.OpenAI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using SupportAssist.Answering;
using SupportAssist.Drafting;
using SupportAssist.Infrastructure.AI;

namespace SupportAssist.Infrastructure;

/// <summary>
/// Registers who writes answers and drafts, chosen by <c>SupportAssist:Llm:Provider</c>: the extractive
/// composers (the offline default), or a language model behind Semantic Kernel with the extractive composers
/// as its fallback. The model's HttpClient carries the only retry layer.
/// </summary>
public static class LanguageModelRegistration
{
    /// <summary>The answer and draft composers, the language model when one is configured, and the prompts it uses.</summary>
    public static IHostApplicationBuilder AddLanguageModels(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidation>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddResilientClient(ResilientHttpClients.Llm, sp => sp.GetRequiredService<IOptions<LlmOptions>>().Value.Resilience);

        builder.Services.TryAddSingleton(_ => new ExtractiveComposer());
        builder.Services.TryAddSingleton<ExtractiveDraftComposer>();
        builder.Services.TryAddSingleton(sp => LoadPrompts(sp.GetRequiredService<IOptions<LlmOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()));
        builder.Services.TryAddSingleton(CreateModel);
        builder.Services.TryAddSingleton<IAnswerComposer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            if (options.Provider == LlmOptions.Extractive) return sp.GetRequiredService<ExtractiveComposer>();
            var prompts = sp.GetRequiredService<IReadOnlyDictionary<string, PromptDefinition>>();
            var model = new LlmAnswerComposer(sp.GetRequiredService<LanguageModel>(), prompts["deflection-answer"], options);
            return new FallbackAnswerComposer(model, sp.GetRequiredService<ExtractiveComposer>(), sp.GetRequiredService<ILogger<FallbackAnswerComposer>>());
        });
        builder.Services.TryAddSingleton<IDraftComposer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            if (options.Provider == LlmOptions.Extractive) return sp.GetRequiredService<ExtractiveDraftComposer>();
            var prompts = sp.GetRequiredService<IReadOnlyDictionary<string, PromptDefinition>>();
            var model = new LlmDraftComposer(sp.GetRequiredService<LanguageModel>(), prompts["draft-reply"], prompts["thread-summary"], options);
            return new FallbackDraftComposer(model, sp.GetRequiredService<ExtractiveDraftComposer>(), sp.GetRequiredService<ILogger<FallbackDraftComposer>>());
        });
        return builder;
    }

    /// <summary>The prompts every LLM composer needs; loading fails start-up when one is missing or broken.</summary>
    public static IReadOnlyList<string> RequiredPrompts { get; } = ["deflection-answer", "draft-reply", "thread-summary", "triage-intent"];

    private static IReadOnlyDictionary<string, PromptDefinition> LoadPrompts(LlmOptions options, IHostEnvironment environment) =>
        PromptLibrary.Load(Path.GetFullPath(options.PromptsFolder, environment.ContentRootPath));

    private static LanguageModel CreateModel(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(ResilientHttpClients.Llm);
        var client = ProviderClients.Create(options.Provider, options.Endpoint, options.ApiKey, http);
        IChatCompletionService chat = options.Provider == LlmOptions.AzureOpenAi
            ? new AzureOpenAIChatCompletionService(options.Model!, (AzureOpenAIClient)client, modelId: null, loggers)
            : new OpenAIChatCompletionService(options.Model!, client, loggers);
        var kernel = Kernel.CreateBuilder();
        kernel.Services.AddSingleton(loggers);
        kernel.Services.AddSingleton(chat);
        return new LanguageModel(kernel.Build(), options.Provider, options.Model!, options, services.GetRequiredService<TimeProvider>(), loggers.CreateLogger<LanguageModel>());
    }

    // Rules data annotations cannot express: what each provider needs, the nested resilience settings, and
    // prompts that load (only when a model will use them).
    private sealed class LlmOptionsValidation(IHostEnvironment environment) : IValidateOptions<LlmOptions>
    {
        public ValidateOptionsResult Validate(string? name, LlmOptions options)
        {
            var problems = ResilienceValidation.Problems(options.Resilience).Select(p => $"{LlmOptions.Section}:{p}").ToList();
            if (options.Provider == LlmOptions.Extractive) return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
            if (ProviderClients.Problem(LlmOptions.Section, options.Provider, options.Endpoint, options.ApiKey, options.Model) is { } problem) problems.Add(problem);
            try
            {
                var prompts = LoadPrompts(options, environment);
                problems.AddRange(RequiredPrompts.Where(p => !prompts.ContainsKey(p)).Select(p => $"{LlmOptions.Section}:PromptsFolder: prompt '{p}' is missing"));
            }
            catch (InvalidDataException error)
            {
                problems.Add($"{LlmOptions.Section}:PromptsFolder: {error.Message}");
            }
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
