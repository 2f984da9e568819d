using System.Globalization;
using Grpc.Core;

namespace SupportAssist.Infrastructure.Qdrant;

/// <summary>
/// A gRPC call that fails before any reply is written comes back as HTTP 200 with its status in the headers
/// ("trailers only"). These statuses count as transient failures for the one HTTP resilience pipeline under the
/// channel, as 5xx and 429 do for REST: the call is retried there, and failures open the circuit.
/// </summary>
public static class GrpcTransientStatus
{
    /// <summary>True when <paramref name="response"/> carries a gRPC status that a later attempt may not meet.</summary>
    public static bool In(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("grpc-status", out var values)) return false;
        return int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            && (StatusCode)code is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Internal or StatusCode.DeadlineExceeded;
    }
}
