using Grpc.Core;
using Qdrant.Client.Grpc;

namespace SupportAssist.Testing;

/// <summary>Qdrant's Points service (the calls SupportAssist makes) over the stand-in's state.</summary>
internal sealed class FakeQdrantPointsService(FakeQdrantState state) : Points.PointsBase
{
    public override Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context) =>
        Task.FromResult(new PointsOperationResponse { Result = state.On(request.CollectionName, c => c.Upsert(request)) });

    public override Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context) =>
        Task.FromResult(new PointsOperationResponse { Result = state.On(request.CollectionName, c => c.Delete(request)) });

    public override Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context) =>
        Task.FromResult(new PointsOperationResponse { Result = state.On(request.CollectionName, c => c.CreatePayloadIndex(request)) });

    public override Task<ScrollResponse> Scroll(ScrollPoints request, ServerCallContext context) =>
        Task.FromResult(state.On(request.CollectionName, c => c.Scroll(request)));

    public override Task<CountResponse> Count(CountPoints request, ServerCallContext context) =>
        Task.FromResult(new CountResponse { Result = new CountResult { Count = state.On(request.CollectionName, c => c.Count(request)) } });

    public override Task<QueryResponse> Query(QueryPoints request, ServerCallContext context)
    {
        var response = new QueryResponse();
        response.Result.Add(state.On(request.CollectionName, c => c.Query(request)));
        return Task.FromResult(response);
    }

    public override Task<QueryBatchResponse> QueryBatch(QueryBatchPoints request, ServerCallContext context)
    {
        var response = new QueryBatchResponse();
        foreach (var query in request.QueryPoints)
        {
            var batch = new BatchResult();
            batch.Result.Add(state.On(request.CollectionName, c => c.Query(query)));
            response.Result.Add(batch);
        }

        return Task.FromResult(response);
    }
}
