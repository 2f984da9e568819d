using System.Net;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SupportAssist.Infrastructure.AI;

namespace SupportAssist.Infrastructure.Tests.AI;

/// <summary>Which failures of a model call are the model's (the composer falls back) and which are ours or the caller's (they surface).</summary>
public sealed class LanguageModelOutageTests
{
    [Theory]
    // the failure -> an outage of the model, and its cause in a few words
    [InlineData("unreachable", true, "unreachable")]
    [InlineData("http 503", true, "HTTP 503")]
    [InlineData("http 429", true, "rate limited (429)")]
    [InlineData("timeout", true, "timed out")]
    [InlineData("attempt timeout", true, "timed out")]
    [InlineData("circuit open", true, "circuit open after repeated failures")]
    [InlineData("connection reset", true, "IOException")]
    [InlineData("wrapped unreachable", true, "unreachable")]
    [InlineData("bug", false, "InvalidOperationException")]
    [InlineData("bad argument", false, "ArgumentException")]
    public void Only_the_models_own_failures_are_outages(string failure, bool outage, string cause)
    {
        var error = Failure(failure);

        Assert.Equal(outage, LanguageModel.IsOutage(error, CancellationToken.None));
        Assert.Equal(cause, LanguageModel.Describe(error));
    }

    [Fact]
    public void A_failure_after_the_caller_cancelled_is_not_an_outage()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(LanguageModel.IsOutage(new TaskCanceledException(), cancelled.Token));
        Assert.False(LanguageModel.IsOutage(new HttpRequestException("gone"), cancelled.Token));
    }

    private static Exception Failure(string name) => name switch
    {
        "unreachable" => new HttpRequestException("connection refused"),
        "http 503" => new HttpOperationException(HttpStatusCode.ServiceUnavailable, "", "service unavailable", null),
        "http 429" => new HttpOperationException(HttpStatusCode.TooManyRequests, "", "slow down", null),
        "timeout" => new TimeoutException("the reply took longer than the total timeout"),
        "attempt timeout" => new TimeoutRejectedException(),
        "circuit open" => new BrokenCircuitException(),
        "connection reset" => new IOException("the response ended prematurely"),
        "wrapped unreachable" => new KernelException("the call failed", new HttpRequestException("connection refused")),
        "bug" => new InvalidOperationException("a bug of ours"),
        "bad argument" => new ArgumentException("a bug of ours"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
