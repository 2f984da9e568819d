using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace SupportAssist.Testing;

/// <summary>Around every call: the injected fault, the API key (Qdrant lets its health check through), and the call log.</summary>
internal sealed class FakeQdrantInterceptor(FakeQdrantState state) : Interceptor
{
    private const string HealthCheck = "Qdrant/HealthCheck";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        // "/qdrant.Points/Upsert" is recorded as "Points/Upsert".
        var method = context.Method.TrimStart('/').Replace("qdrant.", "", StringComparison.Ordinal);
        var collection = request is IMessage message && message.Descriptor.FindFieldByName("collection_name") is { } field ? field.Accessor.GetValue(message) as string : null;
        var call = new QdrantRequestRecord(method, collection, null);
        try
        {
            if (state.Fault?.Invoke(call) is { } fault)
            {
                if (fault.Delay > TimeSpan.Zero)
                {
                    using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, state.Stopping);
                    await Task.Delay(fault.Delay, waiting.Token);
                }

                if (fault.Abort)
                {
                    state.Record(call);
                    context.GetHttpContext().Abort();
                    throw new RpcException(new Status(StatusCode.Cancelled, "connection dropped by an injected fault"));
                }

                if (fault.Status != StatusCode.OK)
                    throw new RpcException(new Status(fault.Status, fault.Error ?? $"Service unavailable: fault injected by {nameof(FakeQdrantServer)}"));
            }

            if (method != HealthCheck && Refusal(context.RequestHeaders) is { } refusal) throw new RpcException(new Status(StatusCode.Unauthenticated, refusal));
            var response = await continuation(request, context);
            state.Record(call with { Status = StatusCode.OK });
            return response;
        }
        catch (RpcException ex)
        {
            if (ex.StatusCode != StatusCode.Cancelled || !context.GetHttpContext().RequestAborted.IsCancellationRequested) state.Record(call with { Status = ex.StatusCode });
            throw;
        }
    }

    private string? Refusal(Metadata headers)
    {
        if (state.ApiKey is not { } expected) return null;
        var authorization = headers.GetValue("authorization");
        var key = headers.GetValue("api-key")
            ?? (authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? authorization["Bearer ".Length..] : null);
        return key is null ? "Must provide an API key or an Authorization bearer token"
            : key == expected ? null
            : "Invalid API key or JWT";
    }
}
