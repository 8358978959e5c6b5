using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using VIToolkit.Core.Inventory;

namespace VIToolkit.Core.Store;

public sealed partial class VIStore
{
    // One row per record: (kind, id) is the record's identity, revision counts its changes, body is its JSON.
    private const string Cluster = "cluster";
    private const string Host = "host";
    private const string ProtectedVM = "protectedvm";
    private const string DrsRule = "drsrule";
    private const string DrsGroup = "drsgroup";

    /// <summary>The inventory as it is now: one consistent read of every record. Reading creates no store.</summary>
    public InventoryDocument Read() => IsAbsent ? new InventoryDocument() : Use(connection =>
    {
        using var transaction = _dialect.BeginRead(connection);
        var document = ReadDocument(connection, transaction);
        transaction.Commit();
        return document;
    });

    /// <summary>
    /// Reads, changes and writes the inventory in one transaction under the store's write lock: no other writer,
    /// on this machine or another, interleaves. Only the records that changed are written (each gets its revision
    /// column from the record); nothing is written when <paramref name="change"/> throws or changes nothing.
    /// </summary>
    public T Update<T>(Func<InventoryDocument, T> change) => Use(connection =>
    {
        using var transaction = _dialect.BeginWrite(connection);
        var document = ReadDocument(connection, transaction);
        var before = Rows(document);
        T result = change(document);
        var after = Rows(document);
        int written = 0;
        foreach (var (key, row) in after)
        {
            if (!before.TryGetValue(key, out var old) || old.Body != row.Body)
            {
                using var command = Command(connection, transaction, _dialect.UpsertRecord);
                Add(command, "@kind", key.Kind);
                Add(command, "@id", key.Id);
                Add(command, "@revision", row.Revision);
                Add(command, "@modified", Ticks(DateTime.UtcNow));
                Add(command, "@body", row.Body);
                command.ExecuteNonQuery();
                written++;
            }
        }
        foreach (var key in before.Keys.Where(k => !after.ContainsKey(k)))
        {
            using var command = Command(connection, transaction, "DELETE FROM vit_records WHERE kind = @kind AND id = @id");
            Add(command, "@kind", key.Kind);
            Add(command, "@id", key.Id);
            command.ExecuteNonQuery();
            written++;
        }
        if (written > 0)
        {
            SetMeta(connection, transaction, "inventoryRevision", (document.Revision + 1).ToString(CultureInfo.InvariantCulture));
            transaction.Commit();
            document.Revision++;
        }
        return result;
    });

    /// <summary>A SQLite store whose file does not exist yet, with no JSON inventory to import: empty, and a read need not create it.</summary>
    private bool IsAbsent => Where.FilePath is { } file && !File.Exists(file)
        && (Where.LegacyInventoryPath is not { } legacy || !File.Exists(legacy));

    private InventoryDocument ReadDocument(DbConnection connection, DbTransaction transaction)
    {
        var document = new InventoryDocument();
        string? revision = ReadMeta(connection, transaction, "inventoryRevision");
        document.Revision = long.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out long r) ? r : 0;
        using var command = Command(connection, transaction, "SELECT kind, id, body FROM vit_records ORDER BY kind, id");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string kind = reader.GetString(0);
            string id = reader.GetString(1);
            string body = reader.GetString(2);
            try
            {
                switch (kind)
                {
                    case Cluster:
                        var cluster = Deserialize<ClusterRecord>(body);
                        cluster.Hosts ??= new();
                        cluster.HA ??= new();
                        cluster.Drs ??= new();
                        document.Clusters.Add(cluster);
                        break;
                    case Host: document.Hosts.Add(Deserialize<HostSettingsRecord>(body)); break;
                    case ProtectedVM: document.ProtectedVMs.Add(Deserialize<ProtectedVMRecord>(body)); break;
                    case DrsRule: document.DrsRules.Add(Deserialize<DrsRuleRecord>(body)); break;
                    case DrsGroup: document.DrsGroups.Add(Deserialize<DrsGroupRecord>(body)); break;
                    default: break; // a kind of a later schema minor: kept as it is, never rewritten
                }
            }
            catch (JsonException e)
            {
                throw new VIToolkitException("InventoryCorrupt", ErrorKind.InvalidData,
                    $"The store {Location} has a {kind} record ({id}) that cannot be read: {MessageText.Sentence(e.Message)} It was left untouched.", e)
                { Target = Location };
            }
        }
        // The order users see: clusters as they were created.
        document.Clusters.Sort((a, b) => a.CreatedUtc != b.CreatedUtc ? a.CreatedUtc.CompareTo(b.CreatedUtc) : string.CompareOrdinal(a.Name, b.Name));
        return document;
    }

    private readonly record struct RecordKey(string Kind, string Id);

    private readonly record struct Row(long Revision, string Body);

    private Dictionary<RecordKey, Row> Rows(InventoryDocument document)
    {
        var rows = new Dictionary<RecordKey, Row>();
        void Put(string kind, string id, long revision, object record)
        {
            if (!rows.TryAdd(new RecordKey(kind, id), new Row(revision, Serialize(record))))
            {
                throw new VIToolkitException("InventoryConflict", ErrorKind.InvalidState,
                    $"The inventory change would store two {kind} records with the same identity ({id}); nothing was written.") { Target = Location };
            }
        }
        foreach (var cluster in document.Clusters)
        {
            Put(Cluster, cluster.Id.ToString("D"), cluster.Revision, cluster);
        }
        foreach (var host in document.Hosts)
        {
            Put(Host, host.Uri, 0, host);
        }
        foreach (var vm in document.ProtectedVMs)
        {
            Put(ProtectedVM, vm.Uuid.ToString("D"), vm.Revision, vm);
        }
        foreach (var rule in document.DrsRules)
        {
            Put(DrsRule, rule.Id.ToString("D"), rule.Revision, rule);
        }
        foreach (var group in document.DrsGroups)
        {
            Put(DrsGroup, group.ClusterId.ToString("D") + "/" + group.Name, 0, group);
        }
        return rows;
    }

    /// <summary>Imports the JSON inventory of an earlier version into the records, in the migration's transaction.</summary>
    private string? ImportLegacy(DbConnection connection, DbTransaction transaction, string path)
    {
        if (!File.Exists(path))
        {
            SetMeta(connection, transaction, "legacyImported", "none");
            return null;
        }
        // The JSON reader checks everything (schema version, corruption) and throws InventoryCorrupt or
        // InventoryVersionUnsupported, naming the file: the store then stays without it until it is fixed.
        var legacy = new InventoryStore(path).Read();
        foreach (var (key, row) in Rows(legacy))
        {
            using var command = Command(connection, transaction, _dialect.UpsertRecord);
            Add(command, "@kind", key.Kind);
            Add(command, "@id", key.Id);
            Add(command, "@revision", row.Revision);
            Add(command, "@modified", Ticks(DateTime.UtcNow));
            Add(command, "@body", row.Body);
            command.ExecuteNonQuery();
        }
        SetMeta(connection, transaction, "inventoryRevision", legacy.Revision.ToString(CultureInfo.InvariantCulture));
        SetMeta(connection, transaction, "legacyImported", path + " at " + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        return path;
    }

    /// <summary>The imported JSON file is kept, renamed, so that no one edits it thinking it is still used.</summary>
    private static void KeepLegacyBackup(string path)
    {
        try
        {
            string backup = path + ".imported.bak";
            if (!File.Exists(backup))
            {
                File.Move(path, backup);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Imported and recorded as such: the file stays where it is and is not read again.
        }
    }
}
