using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SupportAssist.Infrastructure.Storage;

namespace SupportAssist.Infrastructure.Sqlite;

/// <summary>
/// The embedded database file: opens connections and brings the schema up to date. Migrations are the
/// embedded <c>Migrations/NNNN_name.sql</c> scripts, applied in order, each in its own transaction,
/// with the schema version kept in <c>PRAGMA user_version</c>.
/// </summary>
public sealed partial class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public SqliteDatabase(string path, ILogger<SqliteDatabase> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>The schema version this build expects.</summary>
    public static int LatestVersion => Migrations.Value.Count;

    private static readonly Lazy<IReadOnlyList<SqlMigration>> Migrations = new(() => SqlMigrations.Load("SupportAssist.Infrastructure.Sqlite.Migrations"));

    /// <summary>An open connection on an up-to-date schema.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated) await MigrateAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Applies pending migrations; safe to call repeatedly and concurrently.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrationGate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated) return;
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            // WAL lets searches read while an import writes; it is a property of the file and persists.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            var current = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
            if (current > LatestVersion)
                throw new InvalidOperationException($"The database '{Path}' has schema version {current}, newer than this build's {LatestVersion}. Use a newer build or another database file.");
            foreach (var (version, name, sql) in Migrations.Value.Where(m => m.Version > current))
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, sql + $"\nPRAGMA user_version = {version};", cancellationToken, transaction);
                await transaction.CommitAsync(cancellationToken);
                LogMigrated(_logger, Path, version, name);
            }
            _migrated = true;
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    public void Dispose() => _migrationGate.Dispose();

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated {DatabasePath} to schema version {SchemaVersion} ({MigrationName})")]
    private static partial void LogMigrated(ILogger logger, string databasePath, int schemaVersion, string migrationName);
}
