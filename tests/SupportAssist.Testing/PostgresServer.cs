using Npgsql;

namespace SupportAssist.Testing;

/// <summary>
/// The PostgreSQL server the store tests run against: <c>SUPPORTASSIST_POSTGRES</c> is a connection string to it with
/// the right to create databases (CI starts a throwaway cluster and sets it). Each test gets a database of its own,
/// dropped afterwards. Without the variable the PostgreSQL rows of the suite are not generated and
/// <see cref="PostgresFactAttribute"/> tests skip, unless <c>SUPPORTASSIST_REQUIRE_POSTGRES=1</c> (CI) makes that a failure.
/// </summary>
public static class PostgresServer
{
    public static string? AdminConnectionString => Environment.GetEnvironmentVariable("SUPPORTASSIST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool Required => Environment.GetEnvironmentVariable("SUPPORTASSIST_REQUIRE_POSTGRES") == "1";

    /// <summary>True when the PostgreSQL tests run (a server is configured, or one is required and its absence fails them).</summary>
    public static bool Runs => AdminConnectionString is not null || Required;

    public const string SkipReason = "No PostgreSQL server configured (set SUPPORTASSIST_POSTGRES to an admin connection string, as .ci/run does): PostgreSQL store tests skipped.";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException("SUPPORTASSIST_REQUIRE_POSTGRES=1 but SUPPORTASSIST_POSTGRES is not set: " + SkipReason);
        var name = "sa_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A test that needs a PostgreSQL server: skipped with a clear message when none is configured (never in CI).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresServer.Runs) Skip = PostgresServer.SkipReason;
    }
}
