using System.Net;
using SupportAssist.Infrastructure.Qdrant;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>Which gRPC statuses the one HTTP resilience pipeline under the Qdrant channel counts as transient failures.</summary>
public sealed class GrpcTransientStatusTests
{
    [Theory]
    [InlineData("14", true)] // Unavailable
    [InlineData("8", true)] // ResourceExhausted
    [InlineData("10", true)] // Aborted
    [InlineData("13", true)] // Internal
    [InlineData("4", true)] // DeadlineExceeded
    [InlineData("0", false)] // OK
    [InlineData("3", false)] // InvalidArgument: the same request fails again
    [InlineData("5", false)] // NotFound: no such collection yet
    [InlineData("16", false)] // Unauthenticated: a wrong key stays wrong
    [InlineData("not-a-number", false)]
    public void A_trailers_only_status_is_transient_only_when_a_later_attempt_may_pass(string status, bool transient)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("grpc-status", status);

        Assert.Equal(transient, GrpcTransientStatus.In(response));
    }

    [Fact]
    public void A_response_without_a_grpc_status_header_is_left_to_the_standard_predicates()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.False(GrpcTransientStatus.In(response));
    }
}
