using System.Text.Json.Nodes;
using SupportAssist.Testing;

namespace SupportAssist.Infrastructure.Tests.Qdrant;

/// <summary>The checker itself: it must pass what Qdrant's document allows and fail what it does not.</summary>
public sealed class QdrantOpenApiContractTests
{
    private const string UpsertPath = "/collections/kb/points?wait=true";
    private const string QueryPath = "/collections/kb/points/query";

    private static QdrantOpenApiContract Contract => QdrantOpenApiContract.Instance!;

    [QdrantContractFact]
    public void A_valid_upsert_with_named_dense_and_sparse_vectors_conforms()
    {
        var body = """{"points":[{"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","vector":{"dense":[0.1,0.2],"bm25":{"indices":[1,7],"values":[0.5,1.2]}},"payload":{"a":1}}]}""";

        var problems = Contract.Check("PUT", UpsertPath, body);

        Assert.Empty(problems);
    }

    [QdrantContractFact]
    public void An_upsert_whose_vector_is_a_string_fails_naming_the_vector()
    {
        var body = """{"points":[{"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","vector":"x","payload":{"a":1}}]}""";

        var problems = Contract.Check("PUT", UpsertPath, body);

        var problem = Assert.Single(problems);
        Assert.StartsWith("PUT /collections/{collection_name}/points: body $.points[0].vector: ", problem, StringComparison.Ordinal);
    }

    [QdrantContractFact]
    public void A_misspelled_property_in_a_query_body_fails_in_strict_mode()
    {
        var body = """{"query":[0.1,0.2],"using":"dense","limit":5,"with_payloads":true}""";

        var problems = Contract.Check("POST", QueryPath, body);

        var problem = Assert.Single(problems);
        Assert.Contains("body $.with_payloads: unknown property", problem, StringComparison.Ordinal);
    }

    [QdrantContractFact]
    public void A_misspelled_property_passes_when_strict_mode_is_off()
    {
        var lenient = QdrantOpenApiContract.Load(QdrantOpenApiContract.DocumentPath, strict: false);

        var problems = lenient.Check("POST", QueryPath, """{"query":[0.1,0.2],"with_payloads":true}""");

        Assert.Empty(problems);
    }

    [QdrantContractFact]
    public void A_value_below_the_declared_minimum_fails_naming_the_field()
    {
        var body = """{"vectors":{"dense":{"size":0,"distance":"Cosine"}}}""";

        var problems = Contract.Check("PUT", "/collections/kb-1", body);

        var problem = Assert.Single(problems);
        Assert.StartsWith("PUT /collections/{collection_name}: body $.vectors.dense.size: ", problem, StringComparison.Ordinal);
    }

    [QdrantContractFact]
    public void A_body_that_is_not_json_fails()
    {
        var problems = Contract.Check("POST", QueryPath, "{not json");

        Assert.Contains(problems, p => p.Contains("body is not valid JSON", StringComparison.Ordinal));
    }

    [QdrantContractFact]
    public void An_unknown_path_fails()
    {
        var problems = Contract.Check("GET", "/collections/kb/nonsense", null);

        Assert.Equal(["GET /collections/kb/nonsense: no path of the document matches"], problems);
    }

    [QdrantContractFact]
    public void A_method_the_path_does_not_define_fails()
    {
        var problems = Contract.Check("PATCH", QueryPath, "{}");

        var problem = Assert.Single(problems);
        Assert.StartsWith("PATCH /collections/{collection_name}/points/query: method not defined", problem, StringComparison.Ordinal);
    }

    [QdrantContractFact]
    public void A_literal_segment_is_preferred_over_a_parameter()
    {
        var problems = Contract.Check("POST", "/collections/aliases", "{}");

        var problem = Assert.Single(problems);
        Assert.StartsWith("POST /collections/aliases: body $: ", problem, StringComparison.Ordinal);
    }

    [QdrantContractFact]
    public void An_undeclared_query_parameter_fails()
    {
        var problems = Contract.Check("POST", QueryPath + "?wait=true", "{}");

        var problem = Assert.Single(problems);
        Assert.Contains("query parameter 'wait' is not declared", problem, StringComparison.Ordinal);
    }

    [QdrantContractFact]
    public void A_query_parameter_that_is_not_a_boolean_fails()
    {
        var problems = Contract.Check("PUT", "/collections/kb/points?wait=maybe", """{"points":[]}""");

        Assert.Equal(["PUT /collections/{collection_name}/points: query wait=maybe: expected boolean"], problems);
    }

    [QdrantContractFact]
    public void Query_parameters_of_the_declared_types_conform()
    {
        var problems = Contract.Check("POST", QueryPath + "?consistency=majority&timeout=5", "{}");

        Assert.Empty(problems);
    }

    [QdrantContractFact]
    public void A_hybrid_query_with_dense_and_sparse_prefetch_rrf_and_a_filter_conforms()
    {
        var body = """
            {"prefetch":[{"query":[0.1,0.2],"using":"dense","limit":50},{"query":{"indices":[1,7],"values":[0.5,1.2]},"using":"bm25","limit":50}],
             "query":{"rrf":{"k":60}},"filter":{"must":[{"key":"audience","match":{"value":"public"}}]},"limit":10,"with_payload":true}
            """;

        var problems = Contract.Check("POST", QueryPath, body);

        Assert.Empty(problems);
    }

    [QdrantContractFact]
    public void A_wrong_value_deep_inside_a_prefetch_is_reported_at_its_place()
    {
        var body = """{"prefetch":[{"query":[0.1,0.2],"using":"dense","limit":"many"}],"query":{"rrf":{"k":60}}}""";

        var problems = Contract.Check("POST", QueryPath, body);

        var problem = Assert.Single(problems);
        Assert.StartsWith("POST /collections/{collection_name}/points/query: body $.prefetch[0].limit: ", problem, StringComparison.Ordinal);
    }

    [QdrantContractFact]
    public void Creating_a_collection_with_named_dense_and_sparse_vectors_and_metadata_conforms()
    {
        var body = """{"vectors":{"dense":{"size":512,"distance":"Cosine"}},"sparse_vectors":{"bm25":{"modifier":"idf"}},"metadata":{"embedder":"x"}}""";

        var problems = Contract.Check("PUT", "/collections/kb-1", body);

        Assert.Empty(problems);
    }

    [QdrantContractFact]
    public void Swapping_an_alias_with_delete_and_create_actions_conforms()
    {
        var body = """{"actions":[{"delete_alias":{"alias_name":"kb"}},{"create_alias":{"collection_name":"kb-2","alias_name":"kb"}}]}""";

        var problems = Contract.Check("POST", "/collections/aliases", body);

        Assert.Empty(problems);
    }

    [QdrantContractFact]
    public void A_sample_query_response_carries_a_scored_point()
    {
        var sample = Contract.SampleResponse("POST", "/collections/{collection_name}/points/query");

        Assert.NotNull(sample["result"]?["points"]?[0]?["score"]);
        Assert.Equal("ok", sample["status"]?.GetValue<string>());
    }

    [QdrantContractFact]
    public void A_sample_collection_info_response_carries_the_config()
    {
        var sample = Contract.SampleResponse("GET", "/collections/{collection_name}");

        Assert.IsType<JsonObject>(sample["result"]?["config"]);
    }

    [QdrantContractFact]
    public void A_sample_is_the_same_every_time()
    {
        var first = Contract.SampleResponse("GET", "/collections/{collection_name}").ToJsonString();

        var second = Contract.SampleResponse("GET", "/collections/{collection_name}").ToJsonString();

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_absent_message_names_where_the_document_was_looked_for()
    {
        var message = QdrantOpenApiContract.AbsentMessage;

        Assert.Contains(QdrantOpenApiContract.DocumentPath, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_mode_accepts_properties_an_object_gets_from_allOf_members()
    {
        using var document = new SyntheticDocument();

        var problems = document.Contract.Check("POST", "/people", """{"name":"Ada","age":36}""");

        Assert.Empty(problems);
    }

    [Fact]
    public void Strict_mode_still_rejects_an_unknown_property_beside_allOf_members()
    {
        using var document = new SyntheticDocument();

        var problems = document.Contract.Check("POST", "/people", """{"name":"Ada","agee":36}""");

        var problem = Assert.Single(problems);
        Assert.StartsWith("POST /people: body $.agee: unknown property", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_query_parameter_fails()
    {
        using var document = new SyntheticDocument();

        var problems = document.Contract.Check("GET", "/people", null);

        Assert.Equal(["GET /people: required query parameter 'limit' is missing"], problems);
    }

    [Fact]
    public void A_missing_required_body_fails()
    {
        using var document = new SyntheticDocument();

        var problems = document.Contract.Check("POST", "/people", null);

        Assert.Equal(["POST /people: the request body is required"], problems);
    }

    /// <summary>A small OpenAPI 3.0 document with what Qdrant's lacks (allOf, required query and body), in its own temp folder.</summary>
    private sealed class SyntheticDocument : IDisposable
    {
        private const string Text = """
            {"openapi":"3.0.1","info":{"title":"people","version":"1"},
             "paths":{"/people":{
               "get":{"parameters":[{"name":"limit","in":"query","required":true,"schema":{"type":"integer"}}],"responses":{"200":{"description":"ok"}}},
               "post":{"requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Person"}}}},"responses":{"200":{"description":"ok"}}}}},
             "components":{"schemas":{
               "Named":{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}},
               "Aged":{"type":"object","properties":{"age":{"type":"integer","minimum":0}}},
               "Person":{"allOf":[{"$ref":"#/components/schemas/Named"},{"$ref":"#/components/schemas/Aged"}]}}}}
            """;

        private readonly string _folder = Directory.CreateTempSubdirectory("qdrant-contract-").FullName;

        public SyntheticDocument()
        {
            var path = Path.Combine(_folder, "openapi.json");
            File.WriteAllText(path, Text);
            Contract = QdrantOpenApiContract.Load(path);
        }

        public QdrantOpenApiContract Contract { get; }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
