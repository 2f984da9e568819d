using Microsoft.Data.Sqlite;

namespace SupportAssist.Infrastructure.Tests.Sqlite;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("supportassist-tests-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_new_file_is_created_in_wal_mode_at_the_latest_schema_version()
    {
        using var database = new SqliteDatabase(Path.Combine(_folder, "nested", "kb.db"), NullLogger<SqliteDatabase>.Instance);

        await using var connection = await database.OpenAsync(CancellationToken.None);

        Assert.Equal((long)SqliteDatabase.LatestVersion, await ScalarAsync(connection, "PRAGMA user_version"));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'chunks_fts'"));
    }

    [Fact]
    public async Task Migrating_twice_and_from_two_instances_is_harmless()
    {
        var path = Path.Combine(_folder, "kb.db");
        using (var first = new SqliteDatabase(path, NullLogger<SqliteDatabase>.Instance))
        {
            await Task.WhenAll(first.MigrateAsync(CancellationToken.None), first.MigrateAsync(CancellationToken.None));
        }
        using var second = new SqliteDatabase(path, NullLogger<SqliteDatabase>.Instance);

        await second.MigrateAsync(CancellationToken.None);

        await using var connection = await second.OpenAsync(CancellationToken.None);
        Assert.Equal((long)SqliteDatabase.LatestVersion, await ScalarAsync(connection, "PRAGMA user_version"));
    }

    [Fact]
    public async Task A_file_from_a_newer_build_is_refused_with_a_clear_message()
    {
        var path = Path.Combine(_folder, "kb.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await ScalarAsync(connection, $"PRAGMA user_version = {SqliteDatabase.LatestVersion + 1}");
        }
        using var database = new SqliteDatabase(path, NullLogger<SqliteDatabase>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync(CancellationToken.None));

        Assert.Contains("newer than this build", error.Message, StringComparison.Ordinal);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
