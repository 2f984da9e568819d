using Grpc.Core;
using Qdrant.Client.Grpc;

namespace SupportAssist.Testing;

/// <summary>Qdrant's Collections service over the stand-in's state.</summary>
internal sealed class FakeQdrantCollectionsService(FakeQdrantState state) : Collections.CollectionsBase
{
    public override Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request, ServerCallContext context) =>
        Task.FromResult(new GetCollectionInfoResponse { Result = state.On(request.CollectionName, c => c.Info()) });

    public override Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context)
    {
        var response = new ListCollectionsResponse();
        response.Collections.Add(state.ListCollections().Select(name => new CollectionDescription { Name = name }));
        return Task.FromResult(response);
    }

    public override Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
    {
        state.CreateCollection(request);
        return Task.FromResult(new CollectionOperationResponse { Result = true });
    }

    public override Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context) =>
        Task.FromResult(new CollectionOperationResponse { Result = state.DeleteCollection(request.CollectionName) });

    public override Task<CollectionOperationResponse> UpdateAliases(ChangeAliases request, ServerCallContext context)
    {
        state.UpdateAliases(request.Actions);
        return Task.FromResult(new CollectionOperationResponse { Result = true });
    }

    public override Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, ServerCallContext context)
    {
        var response = new ListAliasesResponse();
        response.Aliases.Add(state.ListAliases());
        return Task.FromResult(response);
    }

    public override Task<ListAliasesResponse> ListCollectionAliases(ListCollectionAliasesRequest request, ServerCallContext context)
    {
        var response = new ListAliasesResponse();
        response.Aliases.Add(state.ListAliases(request.CollectionName));
        return Task.FromResult(response);
    }

    public override Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context) =>
        Task.FromResult(new CollectionExistsResponse { Result = new Qdrant.Client.Grpc.CollectionExists { Exists = state.CollectionNames.Contains(request.CollectionName) || state.AliasMap.ContainsKey(request.CollectionName) } });
}
