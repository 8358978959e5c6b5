using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.IO;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace VIToolkit.Core.Store;

/// <summary>What differs between the backends: opening, the write lock, catalog queries, DDL and error mapping.</summary>
internal abstract class StoreDialect : IDisposable
{
    public virtual void Dispose()
    {
    }

    /// <summary>Closes the idle pooled connections.</summary>
    public abstract void ClearPool();

    public abstract DbConnection Open();

    /// <summary>A transaction that holds the store's write lock until it ends (one inventory writer at a time).</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>A transaction that reads one consistent state.</summary>
    public abstract DbTransaction BeginRead(DbConnection connection);

    public abstract bool TableExists(DbConnection connection, DbTransaction? transaction, string table);

    /// <summary>True when the database holds tables that are not ours (a file or database meant for something else).</summary>
    public abstract bool HasForeignTables(DbConnection connection, DbTransaction? transaction);

    protected abstract string AutoKey { get; }

    /// <summary>What a new store needs before its schema is made (outside a transaction).</summary>
    public virtual void Prepare(DbConnection connection)
    {
    }

    public string UpsertMeta =>
        "INSERT INTO vit_meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

    public string UpsertRecord =>
        "INSERT INTO vit_records (kind, id, revision, modified, body) VALUES (@kind, @id, @revision, @modified, @body) "
        + "ON CONFLICT (kind, id) DO UPDATE SET revision = excluded.revision, modified = excluded.modified, body = excluded.body";

    /// <summary>Inserts one event and returns its key.</summary>
    public string InsertEvent =>
        "INSERT INTO vit_events (created, type, severity, entity_type, entity_name, entity_id, host, cluster, user_name, message, chain_id, data) "
        + "VALUES (@created, @type, @severity, @entity_type, @entity_name, @entity_id, @host, @cluster, @user_name, @message, @chain_id, @data) RETURNING key";

    public IEnumerable<string> SchemaV1()
    {
        yield return "CREATE TABLE vit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)";
        yield return "CREATE TABLE vit_records (kind TEXT NOT NULL, id TEXT NOT NULL, revision BIGINT NOT NULL, modified BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, id))";
        yield return $"CREATE TABLE vit_events (key {AutoKey}, created BIGINT NOT NULL, type TEXT NOT NULL, severity TEXT NOT NULL, "
            + "entity_type TEXT, entity_name TEXT, entity_id TEXT, host TEXT, cluster TEXT, user_name TEXT, message TEXT NOT NULL, chain_id TEXT, data TEXT)";
        yield return "CREATE INDEX vit_events_entity_id ON vit_events (entity_id, created)";
        yield return "CREATE INDEX vit_events_entity_name ON vit_events (entity_name, created)";
        yield return "CREATE INDEX vit_events_created ON vit_events (created)";
        yield return "CREATE INDEX vit_events_host ON vit_events (host, created)";
        yield return "CREATE INDEX vit_events_cluster ON vit_events (cluster, created)";
    }

    /// <summary>The driver's failure as a VIToolkit error naming the store; null when it is not a driver failure.</summary>
    public abstract VIToolkitException? Translate(Exception error, string location);

    protected static VIToolkitException Error(string id, ErrorKind kind, string location, string why, Exception inner) =>
        new(id, kind, $"The store {location} {why}", inner) { Target = location };
}

/// <summary>
/// SQLite: one file, WAL journal (readers never wait for the writer; many processes of one machine share it),
/// <c>synchronous=FULL</c> so that a committed change survives a crash of the process or of the machine, and
/// <c>BEGIN IMMEDIATE</c> as the write lock (other writers wait up to the busy timeout).
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    private readonly string _path;
    private readonly string _connectionString;

    public SqliteDialect(StoreLocation where)
    {
        _path = where.FilePath!;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
    }

    public override DbConnection Open()
    {
        string? folder = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = FULL;"; // per connection; the file itself is never touched here
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override void ClearPool() => SqliteConnection.ClearAllPools();

    public override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    public override bool TableExists(DbConnection connection, DbTransaction? transaction, string table)
    {
        using var command = VIStore.Command(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @name");
        VIStore.Add(command, "@name", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public override bool HasForeignTables(DbConnection connection, DbTransaction? transaction)
    {
        using var command = VIStore.Command(connection, transaction,
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'vit\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    protected override string AutoKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    /// <summary>WAL (kept in the file): set once, when the store is created, outside any transaction.</summary>
    public override void Prepare(DbConnection connection) => VIStore.Execute(connection, null, "PRAGMA journal_mode = WAL");

    public override VIToolkitException? Translate(Exception error, string location) => error switch
    {
        SqliteException { SqliteErrorCode: 26 or 11 } e => Error("StoreCorrupt", ErrorKind.InvalidData, location,
            "is not a usable SQLite database (" + e.Message.TrimEnd('.') + "). It was left untouched: restore it from a backup, or move it away to start an empty store.", e),
        SqliteException { SqliteErrorCode: 5 or 6 } e => Error("StoreBusy", ErrorKind.Timeout, location,
            "stayed locked by another writer for longer than the busy timeout (10 s); nothing was changed.", e),
        SqliteException { SqliteErrorCode: 8 or 14 or 23 } e => Error("StoreAccessDenied", ErrorKind.PermissionDenied, location,
            "cannot be opened for writing (" + e.Message.TrimEnd('.') + "); nothing was changed.", e),
        SqliteException e => Error("StoreFailed", ErrorKind.OperationFailed, location, "failed: " + e.Message, e),
        UnauthorizedAccessException e => Error("StoreAccessDenied", ErrorKind.PermissionDenied, location, "cannot be created: " + e.Message, e),
        IOException e => Error("StoreAccessDenied", ErrorKind.PermissionDenied, location, "cannot be created: " + e.Message, e),
        _ => null,
    };
}

/// <summary>
/// PostgreSQL: shared by several machines. The write lock is a transaction-scoped advisory lock (released at commit,
/// rollback or when the holder's connection dies); reads are one REPEATABLE READ snapshot. A server that does not
/// answer is <c>StoreUnavailable</c> after the connect timeout (5 s).
/// </summary>
internal sealed class PostgresDialect : StoreDialect
{
    /// <summary>The advisory lock key of inventory writes ("VIT\0INV").</summary>
    internal const long InventoryLockKey = 0x5649_5400_494E_56;

    private readonly NpgsqlDataSource _source;

    public PostgresDialect(StoreLocation where)
    {
        var builder = new NpgsqlConnectionStringBuilder(where.ConnectionString)
        {
            ApplicationName = "VIToolkit",
        };
        if (!where.ConnectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = 5;
        }
        _source = NpgsqlDataSource.Create(builder);
    }

    public override DbConnection Open() => _source.OpenConnection();

    public override void Dispose() => _source.Dispose();

    public override void ClearPool() => _source.Clear();

    public override DbTransaction BeginWrite(DbConnection connection)
    {
        var transaction = ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.ReadCommitted);
        using var command = VIStore.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)");
        VIStore.Add(command, "@key", InventoryLockKey);
        command.ExecuteNonQuery();
        return transaction;
    }

    public override DbTransaction BeginRead(DbConnection connection) =>
        ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.RepeatableRead);

    public override bool TableExists(DbConnection connection, DbTransaction? transaction, string table)
    {
        using var command = VIStore.Command(connection, transaction,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name");
        VIStore.Add(command, "@name", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public override bool HasForeignTables(DbConnection connection, DbTransaction? transaction)
    {
        using var command = VIStore.Command(connection, transaction,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE 'vit\\_%'");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    protected override string AutoKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override VIToolkitException? Translate(Exception error, string location) => error switch
    {
        PostgresException { SqlState: "28P01" or "28000" } e => Error("StoreAuthenticationFailed", ErrorKind.AuthenticationFailed, location,
            "refused the credentials (" + Clean(e.MessageText) + "). Give the password in a pgpass file (PGPASSFILE or ~/.pgpass), never in the connection string.", e),
        PostgresException { SqlState: "3D000" } e => Error("StoreUnavailable", ErrorKind.Unreachable, location, "has no such database: " + Clean(e.MessageText) + ".", e),
        PostgresException { SqlState: "42501" } e => Error("StoreAccessDenied", ErrorKind.PermissionDenied, location, "refused the operation: " + Clean(e.MessageText) + ".", e),
        PostgresException e => Error("StoreFailed", ErrorKind.OperationFailed, location, "failed: " + Clean(e.MessageText) + $" (SQLSTATE {e.SqlState}).", e),
        NpgsqlException e => Error("StoreUnavailable", ErrorKind.Unreachable, location, "cannot be reached: " + Clean(e.Message), e),
        TimeoutException e => Error("StoreUnavailable", ErrorKind.Unreachable, location, "did not answer in time: " + Clean(e.Message), e),
        _ => null,
    };

    private static string Clean(string text) => StoreLocation.RedactConnectionString(text).TrimEnd('.');
}
