using Microsoft.Extensions.Logging;
using Npgsql;
using SupportAssist.Infrastructure.Storage;
using SupportAssist.Outcomes;

namespace SupportAssist.Infrastructure.Postgres;

/// <summary>
/// The shared PostgreSQL database: pooled connections from one <see cref="NpgsqlDataSource"/>, and the schema brought
/// up to date from the embedded <c>Postgres/Migrations/NNNN_name.sql</c> scripts. Replicas starting together migrate
/// one at a time: the migrator holds a session advisory lock, and each script runs in its own transaction with its
/// version recorded in <c>schema_migrations</c>. Connection failures surface as <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    // 'SupportA' in ASCII: the advisory lock every SupportAssist migrator takes.
    private const long MigrationLock = 0x5375_7070_6F72_7441;

    private static readonly Lazy<IReadOnlyList<SqlMigration>> Migrations = new(() => SqlMigrations.Load("SupportAssist.Infrastructure.Postgres.Migrations"));

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(string connectionString, ILogger<PostgresDatabase> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _logger = logger;
    }

    /// <summary>The schema version this build expects.</summary>
    public static int LatestVersion => Migrations.Value.Count;

    /// <summary>An open connection on an up-to-date schema.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated) await MigrateAsync(cancellationToken);
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception error) when (Translate(error) is StoreUnavailableException unavailable)
        {
            throw unavailable;
        }
    }

    /// <summary>Runs a read on a connection of its own; a connection failure becomes <see cref="StoreUnavailableException"/>.</summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await read(connection, cancellationToken);
        }
        catch (Exception error) when (Translate(error) is var translated && !ReferenceEquals(translated, error))
        {
            throw translated;
        }
    }

    /// <summary>Applies pending migrations under the advisory lock; safe to call repeatedly, concurrently and from several replicas.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrationGate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated) return;
            await using var connection = await OpenRawAsync(cancellationToken);
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
            try
            {
                await ExecuteAsync(connection, null, """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version    integer PRIMARY KEY,
                        name       text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """, cancellationToken);
                await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection);
                var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                if (current > LatestVersion)
                    throw new InvalidOperationException($"The PostgreSQL database has schema version {current}, newer than this build's {LatestVersion}. Use a newer build or another database.");
                foreach (var migration in Migrations.Value.Where(m => m.Version > current))
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                    await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, transaction))
                    {
                        record.Parameters.AddWithValue(migration.Version);
                        record.Parameters.AddWithValue(migration.Name);
                        await record.ExecuteNonQueryAsync(cancellationToken);
                    }
                    await transaction.CommitAsync(cancellationToken);
                    LogMigrated(_logger, migration.Version, migration.Name);
                }
            }
            finally
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
            }
            _migrated = true;
        }
        catch (Exception error) when (Translate(error) is StoreUnavailableException unavailable)
        {
            throw unavailable;
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    /// <summary>
    /// What a caller sees for <paramref name="error"/>: <see cref="StoreUnavailableException"/> for a connection failure
    /// (the pool is cleared, so broken connections are not handed out again), <see cref="StoreBusyException"/> for a
    /// deadlock or serialization failure (another replica won; trying again succeeds), otherwise the error itself.
    /// </summary>
    public Exception Translate(Exception error)
    {
        switch (error)
        {
            case StoreUnavailableException or StoreBusyException:
                return error;
            case PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } conflict:
                return new StoreBusyException("A concurrent write to the same record won; try again.", conflict);
            case PostgresException postgres when !IsUnavailable(postgres.SqlState):
                return error;
            case NpgsqlException { IsTransient: true } or PostgresException or TimeoutException:
                _dataSource.Clear();
                LogUnavailable(_logger, error.GetType().Name);
                return new StoreUnavailableException("The PostgreSQL database cannot be reached.", error);
            // A connection broken mid-batch disposes its transaction: what counts is why it broke.
            case { InnerException: { } inner } when Translate(inner) is StoreUnavailableException or StoreBusyException:
                return Translate(inner);
            default:
                return error;
        }
    }

    // Connection exceptions (08), insufficient resources (53), operator intervention such as shutdown (57P).
    private static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("53", StringComparison.Ordinal) || sqlState.StartsWith("57P", StringComparison.Ordinal);

    private async Task<NpgsqlConnection> OpenRawAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    internal static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _migrationGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated the PostgreSQL database to schema version {SchemaVersion} ({MigrationName})")]
    private static partial void LogMigrated(ILogger logger, int schemaVersion, string migrationName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The PostgreSQL database cannot be reached ({ErrorType}); answering 503 until it can")]
    private static partial void LogUnavailable(ILogger logger, string errorType);
}
