using Microsoft.Extensions.AI;
using SupportAssist.Retrieval;

namespace SupportAssist.Infrastructure.AI;

/// <summary>
/// A remote provider's embedder whose failures reach Core as an <see cref="EmbeddingUnavailableException"/>, the one
/// failure retrieval and answering degrade around. Only the provider's call is inside the catch, so whatever it throws
/// (the network, a status, a reply the SDK cannot read) is the provider's failure.
/// </summary>
public sealed class RemoteEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> provider, string name)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(provider)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GenerateAsync(values, options, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmbeddingUnavailableException($"{name}: {ProviderFailure.Describe(error)}", error);
        }
    }
}
