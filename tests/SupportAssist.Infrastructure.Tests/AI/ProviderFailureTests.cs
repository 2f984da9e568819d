using System.ClientModel;
using System.Net;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SupportAssist.Infrastructure.Tests.AI;

/// <summary>Which failures count as a provider's (caught and degraded around) and which are defects (they propagate).</summary>
public sealed class ProviderFailureTests
{
    public static TheoryData<Exception, bool, string> Failures() => new()
    {
        { new HttpRequestException("connection refused"), true, "unreachable" },
        { new IOException("the stream was cut"), true, "unreachable" },
        { new TaskCanceledException("HttpClient.Timeout"), true, "timed out" },
        { new TimeoutRejectedException(), true, "timed out" },
        { new TimeoutException(), true, "timed out" },
        { new BrokenCircuitException(), true, "circuit open after repeated failures" },
        { new HttpOperationException(HttpStatusCode.TooManyRequests, "slow down", "busy", null), true, "rate limited (429)" },
        { new HttpOperationException(HttpStatusCode.BadGateway, "", "bad gateway", null), true, "HTTP 502" },
        { new JsonException("unexpected token"), true, "the reply could not be read" },
        { new InvalidOperationException("wrapper", new HttpRequestException("refused")), true, "unreachable" },
        { new KernelException("the call failed", new HttpRequestException("connection refused")), true, "unreachable" },
        { new InvalidOperationException("a defect of ours"), false, "the reply could not be used" },
        { new ArgumentNullException("text"), false, "the reply could not be used" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_classified_and_described_in_our_own_words(Exception error, bool isProviderFailure, string description)
    {
        Assert.Equal(isProviderFailure, ProviderFailure.Is(error));
        Assert.Equal(description, ProviderFailure.Describe(error));
    }

    [Fact]
    public void A_client_result_with_a_status_is_described_by_its_status()
    {
        var error = new ClientResultException("quota exceeded for org-1234", null);
        Assert.True(ProviderFailure.Is(error));
        Assert.DoesNotContain("org-1234", ProviderFailure.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_embedder_s_outage_reaches_core_as_EmbeddingUnavailableException()
    {
        using var embedder = new RemoteEmbeddingGenerator(new Throwing(new HttpRequestException("refused by 10.0.0.7")), "openai:text-embedding-3-small");

        var error = await Assert.ThrowsAsync<EmbeddingUnavailableException>(() => embedder.GenerateAsync(["hello"]));

        Assert.Equal("openai:text-embedding-3-small: unreachable", error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_reply_the_sdk_cannot_read_is_the_provider_s_failure_too()
    {
        using var embedder = new RemoteEmbeddingGenerator(new Throwing(new InvalidOperationException("no 'data' in the reply")), "openai:text-embedding-3-small");

        var error = await Assert.ThrowsAsync<EmbeddingUnavailableException>(() => embedder.GenerateAsync(["hello"]));

        Assert.Equal("openai:text-embedding-3-small: the reply could not be used", error.Message);
    }

    [Fact]
    public async Task The_caller_s_cancellation_is_not_an_outage()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var embedder = new RemoteEmbeddingGenerator(new Throwing(new OperationCanceledException(cancelled.Token)), "openai:text-embedding-3-small");

        await Assert.ThrowsAsync<OperationCanceledException>(() => embedder.GenerateAsync(["hello"], cancellationToken: cancelled.Token));
    }

    private sealed class Throwing(Exception error) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromException<GeneratedEmbeddings<Embedding<float>>>(error);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
