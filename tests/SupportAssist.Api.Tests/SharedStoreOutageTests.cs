using System.Net.Sockets;

namespace SupportAssist.Api.Tests;

/// <summary>
/// A replica whose PostgreSQL cannot be reached: it still starts and listens (migrations wait for the first
/// connection), says so in <c>/health/ready</c>, and answers writes with a 503 problem and Retry-After, never a 500.
/// Needs no server: the connection string points at a loopback port nothing listens on.
/// </summary>
public sealed class SharedStoreOutageTests
{
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Without_its_database_a_replica_listens_reports_not_ready_and_refuses_writes_with_503()
    {
        using var factory = new SupportAssistFactory(SupportAssistFactory.SampleHelpCenter, new Dictionary<string, string?>
        {
            ["SupportAssist:Storage:Provider"] = "postgres",
            ["SupportAssist:Storage:PostgresConnectionString"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=nobody;Database=nothing;Timeout=2",
        });
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var deflection = await client.PostAsJsonAsync("/v1/deflections", new { question = "How long does a refund take?" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var store = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("shared-store");
        Assert.Equal("Unhealthy", store.GetProperty("status").GetString());
        Assert.Equal("PostgreSQL cannot be reached", store.GetProperty("description").GetString());
        var problem = await deflection.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The service's store is unavailable.", problem.GetProperty("title").GetString());
        Assert.True(deflection.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }
}
