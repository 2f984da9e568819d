using SupportAssist.Cases;
using SupportAssist.Infrastructure.Postgres;
using SupportAssist.Outcomes;


namespace SupportAssist.Infrastructure.Tests.Storage;

/// <summary>
/// The shared-state stores of one provider as the service builds them (group-commit writer included), on a database
/// of their own: a temp SQLite file, or a fresh PostgreSQL database.
/// </summary>
public sealed class SharedStores : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string _provider;
    private readonly string _location;
    private readonly bool _owner;
    private Func<ValueTask>? _close;

    private SharedStores(string provider, string location, bool owner)
    {
        _provider = provider;
        _location = location;
        _owner = owner;
    }

    public IOutcomeLog Outcomes { get; private set; } = null!;

    public ICaseStore Cases { get; private set; } = null!;

    public IAuditLog Audit { get; private set; } = null!;

    /// <summary>The providers the suite runs on here: SQLite always, PostgreSQL when a server is configured (always in CI).</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var providers = new TheoryData<string> { Sqlite };
            if (PostgresServer.Runs) providers.Add(Postgres);
            return providers;
        }
    }

    public static async Task<SharedStores> CreateAsync(string provider)
    {
        var location = provider == Postgres
            ? await PostgresServer.CreateDatabaseAsync()
            : Path.Combine(Directory.CreateTempSubdirectory("supportassist-stores-").FullName, "supportassist.db");
        var stores = new SharedStores(provider, location, owner: true);
        stores.Open();
        return stores;
    }

    /// <summary>Stores of another replica on the same database (with a writer of their own); the first owns the database.</summary>
    public SharedStores Replica()
    {
        var replica = new SharedStores(_provider, _location, owner: false);
        replica.Open();
        return replica;
    }

    /// <summary>Closes the stores (their writers drain first) and opens new ones on the same database, as a restarted replica would.</summary>
    public async Task ReopenAsync()
    {
        await _close!();
        Open();
    }

    private void Open()
    {
        if (_provider == Postgres)
        {
            var database = new PostgresDatabase(_location, NullLogger<PostgresDatabase>.Instance);
            var writer = new PostgresWriter(database, NullLogger<PostgresWriter>.Instance);
            Outcomes = new PostgresOutcomeLog(database, writer);
            Cases = new PostgresCaseStore(database, writer);
            Audit = new PostgresAuditLog(database, writer, TimeProvider.System);
            _close = async () =>
            {
                await writer.DisposeAsync();
                await database.DisposeAsync();
            };
        }
        else
        {
            var database = new SqliteDatabase(_location, NullLogger<SqliteDatabase>.Instance);
            var writer = new SqliteWriter(database, NullLogger<SqliteWriter>.Instance);
            Outcomes = new SqliteOutcomeLog(database, writer);
            Cases = new SqliteCaseStore(database, writer);
            Audit = new SqliteAuditLog(database, TimeProvider.System, writer);
            _close = async () =>
            {
                await writer.DisposeAsync();
                database.Dispose();
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _close!();
        if (!_owner) return;
        if (_provider == Postgres)
        {
            await PostgresServer.DropDatabaseAsync(_location);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(_location)!, recursive: true);
        }
    }
}
