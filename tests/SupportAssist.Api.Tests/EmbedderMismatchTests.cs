using Microsoft.Data.Sqlite;

namespace SupportAssist.Api.Tests;

public sealed class EmbedderMismatchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-mismatch-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SupportAssistFactory Host(int dimensions) => new(settings: new Dictionary<string, string?>
    {
        ["SupportAssist:Storage:SqlitePath"] = Path.Combine(_folder, "shared.db"),
        ["SupportAssist:Embeddings:Provider"] = "lexical",
        ["SupportAssist:Embeddings:Dimensions"] = dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task Writes_to_an_index_built_by_another_embedder_get_409_and_search_degrades_to_bm25()
    {
        using (var before = Host(384))
        {
            var created = await before.CreateClient().PutAsJsonAsync("/v1/articles/fees-overview", new { title = "Fees", body = "Card payments cost 2.9%." });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var after = Host(256);
        var client = after.CreateClient();

        var put = await client.PutAsJsonAsync("/v1/articles/refunds-timing", new { title = "Refund timing", body = "Refunds take five days." });
        var search = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/search?q=card%20payments");

        var problem = await put.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("StartupIndexing=Rebuild", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/articles/refunds-timing")).StatusCode);
        Assert.True(search.GetProperty("degraded").GetBoolean());
        Assert.Equal("fees-overview", search.GetProperty("results")[0].GetProperty("articleId").GetString());
    }

    [Fact]
    public async Task On_the_embedded_default_a_data_folder_built_by_another_embedder_is_re_embedded_at_start()
    {
        using (var before = Host(384))
        {
            var created = await before.CreateClient().PutAsJsonAsync("/v1/articles/fees-overview", new { title = "Fees", body = "Card payments cost 2.9%." });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var after = new SupportAssistFactory(settings: new Dictionary<string, string?>
        {
            ["SupportAssist:Storage:SqlitePath"] = Path.Combine(_folder, "shared.db"),
            ["SupportAssist:Embeddings:Provider"] = "local",
        });
        var client = after.CreateClient();

        var put = await client.PutAsJsonAsync("/v1/articles/refunds-timing", new { title = "Refund timing", body = "Refunds take five days." });
        var search = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/search?q=what%20do%20card%20payments%20cost&mode=dense");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.False(search.GetProperty("degraded").GetBoolean());
        Assert.Equal("fees-overview", search.GetProperty("results")[0].GetProperty("articleId").GetString());
    }
}
