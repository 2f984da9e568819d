using System.Text.Json;
using SupportAssist.Infrastructure.Qdrant;
using SupportAssist.Testing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>
/// Every request our Qdrant client can send is checked against Qdrant's OpenAPI document (path, method, query
/// parameters, body schema, unknown properties refused), and replies built from the document's schemas parse.
/// </summary>
public sealed class QdrantClientContractTests
{
    private readonly CancellationToken _ct = CancellationToken.None;

    [QdrantContractFact]
    public async Task Every_client_operation_sends_requests_the_document_accepts()
    {
        var contract = QdrantOpenApiContract.Instance!;
        await using var server = await FakeQdrantServer.StartAsync(requestCheck: contract.Check);
        await using var kb = new QdrantTestKnowledgeBase(server.Root, settings: new QdrantOptions { Quantization = "scalar", OnDiskVectors = true, ShardNumber = 2, ReplicationFactor = 2 });
        var client = kb.Client;

        // Each public operation at least once, through the store where it builds the body, directly otherwise.
        await kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule", "Payout schedule", "Payouts arrive every two business days."), _ct);
        await kb.Ingestor.IngestAsync(TestKnowledgeBase.Article("payouts-schedule-copy", "Payout schedule", "Payouts arrive every two business days."), _ct);
        await kb.Retriever.RetrieveAsync(new Retrieval.RetrievalQuery("payout days", new Retrieval.RetrievalFilter(Knowledge.Audience.Public, "en", "payments"), 3), _ct);
        await kb.Search.SearchAsync("payout days", new Retrieval.RetrievalFilter(Knowledge.Audience.Agent), 5, _ct);
        await kb.Store.ListArticlesAsync(_ct);
        await kb.Ingestor.RebuildAsync(_ct);
        await kb.Store.DeleteArticleAsync("payouts-schedule", _ct);
        await client.ReadyAsync(_ct);
        await client.GetCollectionAsync(kb.Collections.Alias, _ct);
        await kb.Collections.DeleteOrphansAsync(_ct);

        var sent = server.Requests.Select(r => $"{r.Method} {Template(r.PathAndQuery)}").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Empty(server.ContractViolations);
        Assert.Equal(
            [
                "DELETE /collections/{c}", "GET /aliases", "GET /collections", "GET /collections/{c}", "GET /readyz",
                "POST /collections/aliases", "POST /collections/{c}/points/count", "POST /collections/{c}/points/delete",
                "POST /collections/{c}/points/query", "POST /collections/{c}/points/scroll", "PUT /collections/{c}",
                "PUT /collections/{c}/index", "PUT /collections/{c}/points",
            ],
            sent);
    }

    [QdrantContractFact]
    public void A_request_with_a_misspelled_field_is_caught_by_the_check()
    {
        // The check the suites rely on is strict: a field Qdrant does not know is a violation, not ignored.
        var problems = QdrantOpenApiContract.Instance!.Check("POST", "/collections/kb/points/query", """{"query":[0.1,0.2],"using":"dense","with_payloads":true}""");

        Assert.Contains(problems, p => p.Contains("with_payloads", StringComparison.Ordinal));
    }

    [QdrantContractFact]
    public void Replies_built_from_the_document_parse_into_our_types()
    {
        var contract = QdrantOpenApiContract.Instance!;
        var json = QdrantJsonContext.Default;

        var info = Parse(contract, "GET", "/collections/{collection_name}", json.QdrantReplyCollectionInfo);
        var query = Parse(contract, "POST", "/collections/{collection_name}/points/query", json.QdrantReplyQueryResult);
        var scroll = Parse(contract, "POST", "/collections/{collection_name}/points/scroll", json.QdrantReplyScrollResult);
        // The schema's sample count is its minimum, 0, which a reply that lost the field would parse to as well:
        // the sample keeps the document's shape and carries a count no default can produce.
        var countSample = contract.SampleResponse("POST", "/collections/{collection_name}/points/count");
        countSample["result"]!["count"] = 7;
        var count = JsonSerializer.Deserialize(countSample.ToJsonString(), json.QdrantReplyCountResult);
        var aliases = Parse(contract, "GET", "/aliases", json.QdrantReplyAliasList);
        var collections = Parse(contract, "GET", "/collections", json.QdrantReplyCollectionList);
        var update = Parse(contract, "PUT", "/collections/{collection_name}/points", json.QdrantReplyUpdateResult);
        Parse(contract, "PUT", "/collections/{collection_name}", json.QdrantReplyBoolean);

        Assert.NotNull(info.Result?.Config);
        Assert.NotEmpty(query.Result!.Points);
        Assert.NotEqual(JsonValueKind.Undefined, query.Result.Points[0].Id.ValueKind);
        Assert.NotEmpty(scroll.Result!.Points);
        Assert.Equal(7, count!.Result!.Count);
        Assert.NotEmpty(aliases.Result!.Aliases[0].AliasName);
        Assert.NotEmpty(collections.Result!.Collections[0].Name);
        Assert.NotNull(update.Result!.Status);
    }

    private static T Parse<T>(QdrantOpenApiContract contract, string method, string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(contract.SampleResponse(method, path).ToJsonString(), type)
        ?? throw new InvalidOperationException($"{method} {path}: the sample reply parsed to null");

    // Collection names vary per test: compare operations by their template.
    private static string Template(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?')[0];
        var parts = path.Split('/');
        if (parts.Length > 2 && parts[1] == "collections" && parts[2] != "aliases") parts[2] = "{c}";
        return string.Join('/', parts);
    }
}
