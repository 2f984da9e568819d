using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SupportAssist.Testing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>The Qdrant stand-in speaks Qdrant's REST API: raw JSON in, Qdrant's shapes, scores and errors out.</summary>
public sealed class FakeQdrantServerTests
{
    // Dense "dense" (3 dims, Cosine) and sparse "bm25" with the IDF modifier, as our knowledge base collection is laid out.
    private const string HybridCollection = """
        {"vectors": {"dense": {"size": 3, "distance": "Cosine"}},
         "sparse_vectors": {"bm25": {"modifier": "idf"}},
         "metadata": {"embedding_model": "fake-3d"}}
        """;

    [Fact]
    public async Task Upsert_then_query_returns_the_nearest_point_first_within_the_filter()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        await CreateAsync(http, "kb", HybridCollection);
        await UpsertAsync(http, "kb", """
            {"points": [
              {"id": 1, "vector": {"dense": [1, 0, 0]}, "payload": {"tenant": "acme"}},
              {"id": 2, "vector": {"dense": [0.6, 0.8, 0]}, "payload": {"tenant": "acme"}},
              {"id": 3, "vector": {"dense": [0.9, 0.1, 0]}, "payload": {"tenant": "globex"}},
              {"id": 4, "vector": {"dense": [0, 0, 1]}, "payload": {"tenant": "acme"}}]}
            """);

        var (status, json) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/query", """
            {"query": [2, 0, 0], "using": "dense", "limit": 3, "with_payload": true,
             "filter": {"must": [{"key": "tenant", "match": {"value": "acme"}}]}}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", json["status"]!.GetValue<string>());
        var points = json["result"]!["points"]!.AsArray();
        Assert.Equal([1, 2, 4], points.Select(p => p!["id"]!.GetValue<int>()));
        Assert.Equal(1f, points[0]!["score"]!.GetValue<float>(), 5);
        Assert.Equal(0.6f, points[1]!["score"]!.GetValue<float>(), 5);
        Assert.Equal("acme", points[0]!["payload"]!["tenant"]!.GetValue<string>());
        Assert.Equal(0, points[0]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Sparse_query_with_idf_ranks_a_rare_term_above_a_common_one()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        await CreateAsync(http, "kb", HybridCollection);

        // Term 7 is in every document, term 9 only in document 5: equal raw weights, so only IDF separates them.
        await UpsertAsync(http, "kb", """
            {"points": [
              {"id": 1, "vector": {"bm25": {"indices": [7], "values": [1.0]}}},
              {"id": 2, "vector": {"bm25": {"indices": [7], "values": [1.0]}}},
              {"id": 3, "vector": {"bm25": {"indices": [7], "values": [1.0]}}},
              {"id": 4, "vector": {"bm25": {"indices": [7, 8], "values": [1.0, 1.0]}}},
              {"id": 5, "vector": {"bm25": {"indices": [9], "values": [1.0]}}}]}
            """);

        var (_, json) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/query", """
            {"query": {"indices": [7, 9], "values": [1.0, 1.0]}, "using": "bm25", "limit": 10}
            """);

        var points = json["result"]!["points"]!.AsArray();
        Assert.Equal(5, points[0]!["id"]!.GetValue<int>());

        // Qdrant's IDF: ln((N - n + 0.5) / (n + 0.5) + 1) over the N = 5 points holding "bm25".
        Assert.Equal(MathF.Log(((5 - 1) + 0.5f) / (1 + 0.5f) + 1), points[0]!["score"]!.GetValue<float>(), 5);
        Assert.Equal(MathF.Log(((5 - 4) + 0.5f) / (4 + 0.5f) + 1), points[1]!["score"]!.GetValue<float>(), 5);
        Assert.Equal(5, points.Count);
    }

    [Fact]
    public async Task Prefetch_dense_and_sparse_fused_by_rrf_returns_the_union_best_first()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        await CreateAsync(http, "kb", HybridCollection);
        await UpsertAsync(http, "kb", """
            {"points": [
              {"id": 1, "vector": {"dense": [1, 0, 0], "bm25": {"indices": [5], "values": [0.5]}}},
              {"id": 2, "vector": {"dense": [0.7, 0.7, 0]}},
              {"id": 3, "vector": {"dense": [0, 0, 1], "bm25": {"indices": [5], "values": [2.0]}}}]}
            """);
        const string Prefetch = """
            "prefetch": [
              {"query": [1, 0, 0], "using": "dense", "limit": 2},
              {"query": {"indices": [5], "values": [1.0]}, "using": "bm25", "limit": 2}]
            """;

        // Dense ranks 1, 2; sparse ranks 3, 1. RRF with Qdrant's default k = 2 and 0-based ranks: 1/(rank + 2).
        var (_, defaultK) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/query", "{" + Prefetch + """, "query": {"fusion": "rrf"}}""");
        var (_, k60) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/query", "{" + Prefetch + """, "query": {"rrf": {"k": 60}}}""");

        var fused = defaultK["result"]!["points"]!.AsArray();
        Assert.Equal([1, 3, 2], fused.Select(p => p!["id"]!.GetValue<int>()));
        Assert.Equal([(1 / 2f) + (1 / 3f), 1 / 2f, 1 / 3f], fused.Select(p => p!["score"]!.GetValue<float>()));
        Assert.Equal((1 / 60f) + (1 / 61f), k60["result"]!["points"]![0]!["score"]!.GetValue<float>(), 6);
    }

    [Fact]
    public async Task Alias_swap_is_atomic_and_collection_operations_resolve_aliases()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        await CreateAsync(http, "kb_v1", HybridCollection);
        await CreateAsync(http, "kb_v2", HybridCollection);
        await SendAsync(http, HttpMethod.Post, "collections/aliases", """{"actions": [{"create_alias": {"collection_name": "kb_v1", "alias_name": "kb"}}]}""");
        await UpsertAsync(http, "kb", """{"points": [{"id": 1, "vector": {}}]}""");

        var (swapStatus, _) = await SendAsync(http, HttpMethod.Post, "collections/aliases", """
            {"actions": [{"delete_alias": {"alias_name": "kb"}}, {"create_alias": {"collection_name": "kb_v2", "alias_name": "kb"}}]}
            """);
        var (_, info) = await SendAsync(http, HttpMethod.Get, "collections/kb");
        var (_, aliases) = await SendAsync(http, HttpMethod.Get, "aliases");

        Assert.Equal(HttpStatusCode.OK, swapStatus);
        Assert.Equal(1, qdrant.PointCount("kb_v1"));
        Assert.Equal(0, info["result"]!["points_count"]!.GetValue<int>());
        Assert.Equal("fake-3d", info["result"]!["config"]!["metadata"]!["embedding_model"]!.GetValue<string>());
        Assert.Equal("kb_v2", aliases["result"]!["aliases"]![0]!["collection_name"]!.GetValue<string>());
        Assert.Equal("kb_v2", qdrant.Aliases["kb"]);

        // Qdrant deletes by the literal name: deleting through the alias answers false; deleting the collection drops its aliases.
        var (_, throughAlias) = await SendAsync(http, HttpMethod.Delete, "collections/kb");
        Assert.False(throughAlias["result"]!.GetValue<bool>());
        await SendAsync(http, HttpMethod.Delete, "collections/kb_v2");
        Assert.Empty(qdrant.Aliases);
        Assert.Equal(["kb_v1"], qdrant.Collections);
    }

    [Fact]
    public async Task Delete_by_filter_removes_only_the_matching_points()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        await CreateAsync(http, "kb", HybridCollection);
        await UpsertAsync(http, "kb", """
            {"points": [
              {"id": 1, "vector": {}, "payload": {"article_id": "a1"}},
              {"id": 2, "vector": {}, "payload": {"article_id": "a1"}},
              {"id": 3, "vector": {}, "payload": {"article_id": "a2"}}]}
            """);

        var (status, json) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/delete?wait=true", """
            {"filter": {"must": [{"key": "article_id", "match": {"value": "a1"}}]}}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("completed", json["result"]!["status"]!.GetValue<string>());
        Assert.Equal(1, qdrant.PointCount("kb"));
    }

    [Fact]
    public async Task Scroll_pages_cover_every_point_exactly_once_in_id_order()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        await CreateAsync(http, "kb", HybridCollection);
        string[] uuids = ["0b7f7b2e-1c9a-4c1e-9a57-1f1f0f3ad001", "f3a1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"];
        var points = Enumerable.Range(1, 7).Select(i => $$$"""{"id": {{{i * 10}}}, "vector": {}}""")
            .Concat(uuids.Select(u => $$$"""{"id": "{{{u.ToUpperInvariant()}}}", "vector": {}}"""));
        await UpsertAsync(http, "kb", $$"""{"points": [{{string.Join(",", points)}}]}""");

        var seen = new List<string>();
        JsonNode? offset = null;
        do
        {
            var request = new JsonObject { ["limit"] = 3, ["offset"] = offset?.DeepClone(), ["with_payload"] = false };
            var (_, page) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/scroll", request.ToJsonString());
            seen.AddRange(page["result"]!["points"]!.AsArray().Select(p => p!["id"]!.ToJsonString()));
            offset = page["result"]!["next_page_offset"];
        }
        while (offset is not null);

        // Integers first in numeric order, then UUIDs (answered in lowercase), each exactly once.
        Assert.Equal([.. Enumerable.Range(1, 7).Select(i => (i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture)), .. uuids.Select(u => $"\"{u}\"")], seen);
    }

    [Fact]
    public async Task Count_with_a_filter_counts_the_matching_points_including_array_payloads()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        await CreateAsync(http, "kb", HybridCollection);
        await UpsertAsync(http, "kb", """
            {"points": [
              {"id": 1, "vector": {}, "payload": {"tags": ["billing", "refund"], "locale": "en"}},
              {"id": 2, "vector": {}, "payload": {"tags": ["login"], "locale": "en"}},
              {"id": 3, "vector": {}, "payload": {"tags": "billing", "locale": "de"}},
              {"id": 4, "vector": {}, "payload": {"locale": "en"}}]}
            """);

        var (_, json) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/count", """
            {"exact": true, "filter": {
              "should": [{"key": "tags", "match": {"any": ["billing", "login"]}}],
              "must_not": [{"must": [{"key": "locale", "match": {"value": "de"}}]}]}}
            """);

        Assert.Equal(2, json["result"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_point_without_vectors_is_scrolled_but_never_a_query_candidate()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        await CreateAsync(http, "kb", HybridCollection);
        await UpsertAsync(http, "kb", """
            {"points": [
              {"id": 1, "vector": {}, "payload": {"kind": "article"}},
              {"id": 2, "vector": {"dense": [1, 0, 0]}, "payload": {"kind": "chunk"}}]}
            """);

        var (_, dense) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/query", """{"query": [1, 0, 0], "using": "dense"}""");
        var (_, sparse) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/query", """{"query": {"indices": [1], "values": [1]}, "using": "bm25"}""");
        var (_, scrolled) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/scroll", """{"limit": 10}""");

        Assert.Equal([2], dense["result"]!["points"]!.AsArray().Select(p => p!["id"]!.GetValue<int>()));
        Assert.Empty(sparse["result"]!["points"]!.AsArray());
        Assert.Equal([1, 2], scrolled["result"]!["points"]!.AsArray().Select(p => p!["id"]!.GetValue<int>()));
        Assert.Equal("article", scrolled["result"]!["points"]![0]!["payload"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refusals_use_Qdrants_status_codes_and_error_shape()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        await CreateAsync(http, "kb", HybridCollection);

        var (wrongDimension, dimensionError) = await SendAsync(http, HttpMethod.Put, "collections/kb/points", """{"points": [{"id": 1, "vector": {"dense": [1, 0]}}]}""");
        var (missing, missingError) = await SendAsync(http, HttpMethod.Post, "collections/nope/points/count", "{}");
        var (existing, existingError) = await SendAsync(http, HttpMethod.Put, "collections/kb", HybridCollection);
        var (duplicateIndices, _) = await SendAsync(http, HttpMethod.Put, "collections/kb/points", """{"points": [{"id": 1, "vector": {"bm25": {"indices": [3, 3], "values": [1, 2]}}}]}""");
        var (unknownRoute, _) = await SendAsync(http, HttpMethod.Get, "collections/kb/nothing-here");

        Assert.Equal(HttpStatusCode.BadRequest, wrongDimension);
        Assert.Equal("Wrong input: Vector dimension error: expected dim: 3, got 2", dimensionError["status"]!["error"]!.GetValue<string>());
        Assert.Null(dimensionError["result"]);
        Assert.NotNull(dimensionError["time"]);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("Not found: Collection `nope` doesn't exist!", missingError["status"]!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, existing);
        Assert.Equal("Wrong input: Collection `kb` already exists!", existingError["status"]!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicateIndices);
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute);
        Assert.Equal(0, qdrant.PointCount("kb"));
    }

    [Fact]
    public async Task A_missing_or_wrong_api_key_is_refused_with_401_but_health_probes_pass()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync(apiKey: "s3cret");
        using var http = Client(qdrant);

        var (withoutKey, _) = await SendAsync(http, HttpMethod.Get, "collections");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "collections") { Headers = { { "api-key", "nope" } } };
        using var wrongKey = await http.SendAsync(wrong);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "collections") { Headers = { { "Authorization", "Bearer s3cret" } } };
        using var withBearer = await http.SendAsync(bearer);
        using var ready = await http.GetAsync(new Uri("readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withBearer.StatusCode);
        Assert.Equal("all shards are ready", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_injected_fault_answers_its_status_and_is_recorded_and_contract_problems_are_kept()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync(requestCheck: (method, path, _) =>
            method == "DELETE" ? ["DELETE is not in our contract"] : []);
        using var http = Client(qdrant);
        await CreateAsync(http, "kb", HybridCollection);
        qdrant.Fault = request => request.PathAndQuery.EndsWith("/points/query", StringComparison.Ordinal)
            ? new QdrantFault(503, "Service unavailable: overloaded")
            : null;

        var (faulted, faultError) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/query", """{"query": [1, 0, 0], "using": "dense"}""");
        var (counted, _) = await SendAsync(http, HttpMethod.Post, "collections/kb/points/count", "{}");
        var (violating, violationError) = await SendAsync(http, HttpMethod.Delete, "collections/kb");
        qdrant.Fault = _ => new QdrantFault(Abort: true);
        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(http, HttpMethod.Post, "collections/kb/points/count", "{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted);
        Assert.Equal("Service unavailable: overloaded", faultError["status"]!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, counted);
        Assert.Equal(HttpStatusCode.BadRequest, violating);
        Assert.Contains("DELETE is not in our contract", violationError["status"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["DELETE is not in our contract"], qdrant.ContractViolations);
        Assert.Equal([200, 503, 200, 400, 0], qdrant.Requests.Select(r => r.Status));
        Assert.Equal(["kb"], qdrant.Collections);
    }

    [Fact]
    public async Task After_dispose_the_port_refuses_connections()
    {
        var qdrant = await FakeQdrantServer.StartAsync();
        using var http = Client(qdrant);
        using var before = await http.GetAsync(new Uri("readyz", UriKind.Relative));

        await qdrant.DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("readyz", UriKind.Relative)));
    }

    private static HttpClient Client(FakeQdrantServer qdrant) => new() { BaseAddress = qdrant.Root };

    private static async Task CreateAsync(HttpClient http, string name, string body)
    {
        var (status, json) = await SendAsync(http, HttpMethod.Put, $"collections/{name}", body);
        Assert.True(status == HttpStatusCode.OK, json.ToJsonString());
    }

    private static async Task UpsertAsync(HttpClient http, string collection, string body)
    {
        var (status, json) = await SendAsync(http, HttpMethod.Put, $"collections/{collection}/points?wait=true", body);
        Assert.True(status == HttpStatusCode.OK, json.ToJsonString());
    }

    private static async Task<(HttpStatusCode Status, JsonNode Json)> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text)! : new JsonObject { ["text"] = text });
    }
}
