using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// SDK clients for the model providers over one of our resilient HttpClients. The SDKs' own retries are off and
/// their network timeout unbounded, so our handler is the one retry layer and its timeouts are the ones that apply.
/// </summary>
public static class ProviderClients
{
    /// <summary>The client for <paramref name="provider"/> (<c>azure-openai</c>, <c>openai</c> or <c>openai-compatible</c>).</summary>
    public static OpenAIClient Create(string provider, string? endpoint, string? apiKey, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var transport = new HttpClientPipelineTransport(http);
        // Servers such as Ollama take no key, but the SDK needs a credential to build requests.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey);
        if (provider == LlmOptions.AzureOpenAi)
        {
            return new AzureOpenAIClient(new Uri(endpoint!), credential, new AzureOpenAIClientOptions
            {
                Transport = transport,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = Timeout.InfiniteTimeSpan,
            });
        }
        var options = new OpenAIClientOptions
        {
            Transport = transport,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if (!string.IsNullOrWhiteSpace(endpoint)) options.Endpoint = new Uri(endpoint);
        return new OpenAIClient(credential, options);
    }

    /// <summary>What is missing or wrong in a provider's settings, or null when they are complete.</summary>
    public static string? Problem(string section, string provider, string? endpoint, string? apiKey, string? model)
    {
        if (string.IsNullOrWhiteSpace(model)) return $"{section}:Model is required for provider '{provider}' (for Azure OpenAI, the deployment name)";
        var needsEndpoint = provider is LlmOptions.AzureOpenAi or LlmOptions.OpenAiCompatible;
        if (needsEndpoint && string.IsNullOrWhiteSpace(endpoint)) return $"{section}:Endpoint is required for provider '{provider}'";
        if (!string.IsNullOrWhiteSpace(endpoint)
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            return $"{section}:Endpoint must be an absolute http(s) URL (got '{endpoint}')";
        if (provider is LlmOptions.AzureOpenAi or LlmOptions.OpenAi && string.IsNullOrWhiteSpace(apiKey))
            return $"{section}:ApiKey is required for provider '{provider}'; set it in the environment (SupportAssist__{section.Split(':')[^1]}__ApiKey) or user secrets";
        return null;
    }
}
