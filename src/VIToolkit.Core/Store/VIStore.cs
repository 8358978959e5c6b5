using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using Newtonsoft.Json;
using VIToolkit.Core.Inventory;

namespace VIToolkit.Core.Store;

/// <summary>
/// The store every admin, the HA monitor and DRS share ("Virtual Centre"'s database): the inventory (one row per
/// record, each with its revision), events and task history. SQLite on one machine, PostgreSQL for several; the same
/// tables and queries on both, the differences in <see cref="StoreDialect"/>. Every inventory update is one
/// transaction under the store's write lock: nothing another writer did is overwritten, and a change that throws
/// writes nothing. A store written by a newer VIToolkit, or a file that is not one, is refused and left untouched.
/// </summary>
public sealed partial class VIStore : IInventoryStore, IDisposable
{
    /// <summary>The store schema this build writes (migrations bring older stores up to it).</summary>
    public const int CurrentSchemaVersion = 1;

    private static readonly JsonSerializerSettings s_json = new()
    {
        Formatting = Formatting.None,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
        MaxDepth = 32,
    };

    private readonly StoreDialect _dialect;
    private readonly object _schemaGate = new();
    private volatile bool _schemaReady;

    private VIStore(StoreLocation where, StoreDialect dialect)
    {
        Where = where;
        _dialect = dialect;
    }

    /// <summary>A store at <paramref name="where"/>; nothing is opened until it is used.</summary>
    public static VIStore Open(StoreLocation where) =>
        new(where, where.Kind == StoreKind.Sqlite ? new SqliteDialect(where) : new PostgresDialect(where));

    public StoreLocation Where { get; }

    /// <summary>Closes the backend's pooled connections (the store can be opened again).</summary>
    public void Dispose() => _dialect.Dispose();

    /// <summary>Closes the idle pooled connections, e.g. before the SQLite file is moved or replaced; the next use opens anew.</summary>
    public void CloseConnections() => _dialect.ClearPool();

    /// <inheritdoc />
    public string Location => Where.Display;

    public StoreKind Kind => Where.Kind;

    /// <summary>
    /// Runs <paramref name="work"/> on an open connection of a ready store (schema created or migrated, a legacy JSON
    /// inventory imported); maps every driver failure to a <see cref="VIToolkitException"/> that names the store.
    /// </summary>
    internal T Use<T>(Func<DbConnection, T> work)
    {
        try
        {
            using var connection = _dialect.Open();
            EnsureReady(connection);
            return work(connection);
        }
        catch (Exception e) when (e is not VIToolkitException && _dialect.Translate(e, Location) is { } error)
        {
            throw error;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction under the store's write lock, and commits it.</summary>
    internal T Write<T>(Func<DbConnection, DbTransaction, T> work) => Use(connection =>
    {
        using var transaction = _dialect.BeginWrite(connection);
        T result = work(connection, transaction);
        transaction.Commit();
        return result;
    });

    private void EnsureReady(DbConnection connection)
    {
        if (_schemaReady)
        {
            return;
        }
        lock (_schemaGate)
        {
            if (_schemaReady)
            {
                return;
            }
            int version = ReadSchemaVersion(connection, transaction: null);
            if (version > CurrentSchemaVersion)
            {
                throw new VIToolkitException("StoreVersionUnsupported", ErrorKind.InvalidData,
                    $"The store {Location} has schema version {version}, written by a newer VIToolkit; this one understands up to {CurrentSchemaVersion}. Upgrade VIToolkit, or select another store. The store was left untouched.")
                { Target = Location };
            }
            if (version == 0)
            {
                _dialect.Prepare(connection);
            }
            if (version < CurrentSchemaVersion || (Where.LegacyInventoryPath is not null && ReadMeta(connection, null, "legacyImported") is null))
            {
                Migrate(connection);
            }
            _schemaReady = true;
        }
    }

    private void Migrate(DbConnection connection)
    {
        using var transaction = _dialect.BeginWrite(connection);
        int version = ReadSchemaVersion(connection, transaction);
        if (version < 1)
        {
            foreach (string statement in _dialect.SchemaV1())
            {
                Execute(connection, transaction, statement);
            }
            SetMeta(connection, transaction, "schemaVersion", "1");
            SetMeta(connection, transaction, "inventoryRevision", "0");
        }
        string? imported = null;
        if (Where.LegacyInventoryPath is { } legacy && ReadMeta(connection, transaction, "legacyImported") is null)
        {
            imported = ImportLegacy(connection, transaction, legacy);
        }
        transaction.Commit();
        if (imported is not null)
        {
            KeepLegacyBackup(imported);
        }
    }

    private int ReadSchemaVersion(DbConnection connection, DbTransaction? transaction)
    {
        if (!_dialect.TableExists(connection, transaction, "vit_meta"))
        {
            if (_dialect.HasForeignTables(connection, transaction))
            {
                throw new VIToolkitException("StoreCorrupt", ErrorKind.InvalidData,
                    $"The store {Location} holds tables that are not VIToolkit's; it was left untouched. Select an empty database or file for VIToolkit.")
                { Target = Location };
            }
            return 0;
        }
        string? text = ReadMeta(connection, transaction, "schemaVersion");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int version)
            ? version
            : throw new VIToolkitException("StoreCorrupt", ErrorKind.InvalidData,
                $"The store {Location} has no valid schema version; it was left untouched.") { Target = Location };
    }

    internal static string? ReadMeta(DbConnection connection, DbTransaction? transaction, string key)
    {
        using var command = Command(connection, transaction, "SELECT value FROM vit_meta WHERE key = @key");
        Add(command, "@key", key);
        return command.ExecuteScalar() as string;
    }

    internal void SetMeta(DbConnection connection, DbTransaction transaction, string key, string value)
    {
        using var command = Command(connection, transaction, _dialect.UpsertMeta);
        Add(command, "@key", key);
        Add(command, "@value", value);
        command.ExecuteNonQuery();
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    internal static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    internal static int Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteNonQuery();
    }

    internal static string Serialize(object record) => JsonConvert.SerializeObject(record, s_json);

    internal static T Deserialize<T>(string body) => JsonConvert.DeserializeObject<T>(body, s_json)
        ?? throw new JsonSerializationException("an empty record");

    internal static long Ticks(DateTime time) => (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).Ticks;

    internal static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Utc);
}
