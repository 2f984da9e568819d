using System.ComponentModel.DataAnnotations;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// Which language model writes answers and drafts. Bound from <c>SupportAssist:Llm</c>. The key comes from the
/// environment (<c>SupportAssist__Llm__ApiKey</c>) or user secrets, never from a committed file.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "SupportAssist:Llm";
    public const string Extractive = "extractive";
    public const string AzureOpenAi = "azure-openai";
    public const string OpenAi = "openai";
    public const string OpenAiCompatible = "openai-compatible";

    /// <summary><c>extractive</c> (no model: quoted sentences), <c>azure-openai</c>, <c>openai</c>, or <c>openai-compatible</c> (Ollama, vLLM, llama.cpp server).</summary>
    [Required, AllowedValues(Extractive, AzureOpenAi, OpenAi, OpenAiCompatible,
        ErrorMessage = "SupportAssist:Llm:Provider must be 'extractive', 'azure-openai', 'openai' or 'openai-compatible'.")]
    public string Provider { get; set; } = Extractive;

    /// <summary>The Azure OpenAI resource (<c>https://NAME.openai.azure.com/</c>) or the compatible server's base URL (<c>http://localhost:11434/v1</c>); optional for <c>openai</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The API key; optional for <c>openai-compatible</c> servers that take none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model id, or for Azure OpenAI the deployment name.</summary>
    public string? Model { get; set; }

    /// <summary>The folder of prompt directories; relative paths are under the content root.</summary>
    [Required]
    public string PromptsFolder { get; set; } = "../../prompts";

    /// <summary>The company the prompts speak for.</summary>
    [Required, StringLength(80, MinimumLength = 1)]
    public string Company { get; set; } = "Paykite";

    /// <summary>The longest end-user answer, in sentences or steps.</summary>
    [Range(1, 12)]
    public int MaxAnswerSentences { get; set; } = 5;

    /// <summary>Price of a million input tokens, for the estimated cost recorded with each outcome; unset means no estimate.</summary>
    [Range(0.0, 10_000.0)]
    public decimal? InputPricePerMillionTokens { get; set; }

    /// <summary>Price of a million output tokens.</summary>
    [Range(0.0, 10_000.0)]
    public decimal? OutputPricePerMillionTokens { get; set; }

    /// <summary>Retries, timeouts and circuit breaker of the model's HttpClient. LLM calls are slow: these are not the 10 s defaults.</summary>
    [Required]
    public ResilienceSettings Resilience { get; set; } = new()
    {
        AttemptTimeoutSeconds = 60,
        TotalTimeoutSeconds = 150,
        MaxRetries = 2,
        CircuitSamplingSeconds = 300,
    };
}
