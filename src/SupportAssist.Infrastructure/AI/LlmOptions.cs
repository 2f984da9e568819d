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

/// <summary>
/// One HttpClient's resilience (Microsoft.Extensions.Http.Resilience, the only retry layer: the SDKs' own retries
/// are off): retries with exponential backoff and jitter that honour <c>Retry-After</c> on 429 and 503, a circuit
/// breaker, and a timeout per attempt inside a timeout for the whole call.
/// </summary>
public sealed class ResilienceSettings : IValidatableObject
{
    /// <summary>Longest wait for one attempt.</summary>
    [Range(0.05, 600.0)]
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>Longest wait for the whole call, retries included.</summary>
    [Range(0.1, 1800.0)]
    public double TotalTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after the first attempt (0 switches retrying off).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff delay; later ones grow exponentially, with jitter. A <c>Retry-After</c> header takes precedence.</summary>
    [Range(0.0, 60.0)]
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>Longest backoff delay, also the cap on a <c>Retry-After</c> the server asks for.</summary>
    [Range(0.1, 600.0)]
    public double RetryMaxDelaySeconds { get; set; } = 30;

    /// <summary>Share of failed calls within the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the sampling window before the circuit may open.</summary>
    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 4;

    /// <summary>The sampling window; at least twice the attempt timeout.</summary>
    [Range(0.5, 86_400.0)]
    public double CircuitSamplingSeconds { get; set; } = 60;

    /// <summary>How long an open circuit fails calls at once before letting one through to probe.</summary>
    [Range(0.5, 86_400.0)]
    public double CircuitBreakSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TotalTimeoutSeconds < AttemptTimeoutSeconds)
            yield return new ValidationResult($"TotalTimeoutSeconds ({TotalTimeoutSeconds}) must not be below AttemptTimeoutSeconds ({AttemptTimeoutSeconds})", [nameof(TotalTimeoutSeconds)]);
        if (CircuitSamplingSeconds < 2 * AttemptTimeoutSeconds)
            yield return new ValidationResult($"CircuitSamplingSeconds ({CircuitSamplingSeconds}) must be at least twice AttemptTimeoutSeconds ({AttemptTimeoutSeconds})", [nameof(CircuitSamplingSeconds)]);
    }
}
