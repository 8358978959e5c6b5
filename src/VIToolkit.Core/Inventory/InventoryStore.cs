using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using Newtonsoft.Json;

namespace VIToolkit.Core.Inventory;

/// <summary>
/// Reads and writes the inventory file. Writes are serialized across processes by an exclusive lock on a sibling
/// lock file, go to a temporary file that is flushed to disk and then renamed over the inventory (so a reader or a
/// crash sees the old or the new file, never half of one), and are refused when the existing file cannot be read:
/// a corrupt, truncated or newer file is reported and left as it is.
/// </summary>
public sealed class InventoryStore : IInventoryStore
{
    /// <summary>Environment variable that moves the inventory (tests, several estates side by side).</summary>
    public const string PathVariable = "VITOOLKIT_INVENTORY";

    private static readonly JsonSerializerSettings s_settings = new()
    {
        Formatting = Formatting.Indented,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        NullValueHandling = NullValueHandling.Include,
        // Nothing in the file chooses types: no $type handling, ever.
        TypeNameHandling = TypeNameHandling.None,
        MaxDepth = 32,
    };

    public InventoryStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>$VITOOLKIT_INVENTORY, else $XDG_DATA_HOME/VIToolkit/inventory.json (~/.local/share/VIToolkit/inventory.json).</summary>
    public static string DefaultPath
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrWhiteSpace(overridden))
            {
                return overridden;
            }
            string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            string data = !string.IsNullOrWhiteSpace(xdg)
                ? xdg
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return System.IO.Path.Combine(data, "VIToolkit", "inventory.json");
        }
    }

    /// <summary>The store at <see cref="DefaultPath"/> (read each time: the variable may change between commands).</summary>
    public static InventoryStore Default => new(DefaultPath);

    public string Path { get; }

    public string Location => Path;

    /// <summary>Where the file of an older schema is kept, as it was, when this build first rewrites it.</summary>
    public string BackupPath(int schemaVersion) => Path + ".v" + schemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".bak";

    private string LockPath => Path + ".lock";

    /// <summary>How long a writer waits for another process's write to finish.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The inventory as it is now; an empty one when there is no file yet.</summary>
    public InventoryDocument Read()
    {
        string text;
        try
        {
            if (!File.Exists(Path))
            {
                return new InventoryDocument();
            }
            text = File.ReadAllText(Path, Encoding.UTF8);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new VIToolkitException("InventoryAccessDenied", ErrorKind.PermissionDenied, $"The inventory {Path} cannot be read: {e.Message}", e) { Target = Path };
        }
        catch (IOException e)
        {
            throw new VIToolkitException("InventoryUnreadable", ErrorKind.InvalidData, $"The inventory {Path} cannot be read: {e.Message}", e) { Target = Path };
        }
        return Parse(text);
    }

    private InventoryDocument Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Corrupt("it is empty", null);
        }
        InventoryDocument? document;
        try
        {
            // Check the version before binding, so a newer schema is named as such rather than as "corrupt".
            var probe = Newtonsoft.Json.Linq.JObject.Parse(text);
            int version = probe.Value<int?>("schemaVersion") ?? 0;
            if (version > InventoryDocument.CurrentSchemaVersion)
            {
                throw new VIToolkitException("InventoryVersionUnsupported", ErrorKind.InvalidData,
                    $"The inventory {Path} has schema version {version}, written by a newer VIToolkit; this one understands up to {InventoryDocument.CurrentSchemaVersion}. Upgrade VIToolkit, or point {PathVariable} at another file. The file was left untouched.")
                { Target = Path };
            }
            if (version < 1)
            {
                throw Corrupt("it has no valid schemaVersion", null);
            }
            document = probe.ToObject<InventoryDocument>(JsonSerializer.Create(s_settings));
            if (document is not null)
            {
                document.SchemaVersion = version; // as read; Update writes the current one
            }
        }
        catch (JsonException e)
        {
            throw Corrupt(e.Message, e);
        }
        if (document is null)
        {
            throw Corrupt("it holds no inventory", null);
        }
        document.Clusters ??= new();
        document.Hosts ??= new();
        document.ProtectedVMs ??= new();
        document.DrsRules ??= new();
        document.DrsGroups ??= new();
        foreach (var cluster in document.Clusters)
        {
            if (cluster is null || string.IsNullOrEmpty(cluster.Name))
            {
                throw Corrupt("a cluster has no name", null);
            }
            cluster.Hosts ??= new();
            cluster.HA ??= new();
            cluster.Drs ??= new();
        }
        return document;
    }

    private VIToolkitException Corrupt(string why, Exception? inner) =>
        new("InventoryCorrupt", ErrorKind.InvalidData,
            $"The inventory {Path} cannot be used: {MessageText.Clause(why)}. It was left untouched: restore it from a backup, fix it, or move it away to start an empty inventory.", inner)
        { Target = Path };

    /// <summary>
    /// Reads, changes and writes the inventory as one step that no other process can interleave with. Nothing is
    /// written when <paramref name="change"/> throws.
    /// </summary>
    public T Update<T>(Func<InventoryDocument, T> change)
    {
        string? folder = System.IO.Path.GetDirectoryName(Path);
        try
        {
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VIToolkitException("InventoryAccessDenied", ErrorKind.PermissionDenied, $"The inventory folder {folder} cannot be created: {e.Message}", e) { Target = Path };
        }

        using var gate = AcquireLock();
        var document = Read();
        int readVersion = document.SchemaVersion;
        string before = JsonConvert.SerializeObject(document, s_settings);
        T result = change(document);
        if (File.Exists(Path) && JsonConvert.SerializeObject(document, s_settings) == before)
        {
            return result; // nothing changed (e.g. a host moved into the cluster it is in): the file and its revision stay
        }
        document.Revision++;
        document.SchemaVersion = InventoryDocument.CurrentSchemaVersion;
        if (readVersion < InventoryDocument.CurrentSchemaVersion && File.Exists(Path))
        {
            KeepBackup(readVersion);
        }
        Write(document);
        return result;
    }

    /// <summary>The first write in a newer schema keeps the file as it was (a v1 file stays readable by older builds).</summary>
    private void KeepBackup(int version)
    {
        string backup = BackupPath(version);
        try
        {
            if (!File.Exists(backup))
            {
                File.Copy(Path, backup);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VIToolkitException("InventoryAccessDenied", ErrorKind.PermissionDenied,
                $"The inventory {Path} is in schema {version}; its backup {backup} cannot be written ({e.Message}), so it was not upgraded and nothing was changed.", e) { Target = Path };
        }
    }

    /// <summary>Writes <paramref name="document"/> as this file, whole (an export): under the file's lock, atomically.</summary>
    public void Save(InventoryDocument document)
    {
        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw new VIToolkitException("InventoryAccessDenied", ErrorKind.PermissionDenied, $"The folder {folder} does not exist; nothing was written.") { Target = Path };
        }
        using var gate = AcquireLock();
        document.SchemaVersion = InventoryDocument.CurrentSchemaVersion;
        Write(document);
        TryDelete(LockPath);
    }

    private void Write(InventoryDocument document)
    {
        string temp = Path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            if (File.Exists(Path) && (File.GetAttributes(Path) & FileAttributes.ReadOnly) != 0)
            {
                throw new UnauthorizedAccessException("the file is read-only");
            }
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                writer.Write(JsonConvert.SerializeObject(document, s_settings));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new VIToolkitException("InventoryAccessDenied", ErrorKind.PermissionDenied,
                $"The inventory {Path} cannot be written ({e.Message}); nothing was changed.", e) { Target = Path };
        }
    }

    private FileStream AcquireLock()
    {
        var clock = Stopwatch.StartNew();
        int wait = 5;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix: another process blocks here.
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or PathTooLongException or DirectoryNotFoundException)
            {
                // Not another process's lock: waiting would not help (a name too long waited 10 s for "locked by another process").
                throw new VIToolkitException("InventoryAccessDenied", ErrorKind.PermissionDenied, $"The inventory lock {LockPath} cannot be taken: {e.Message}", e) { Target = Path };
            }
            catch (IOException) when (clock.Elapsed < LockTimeout)
            {
                Thread.Sleep(wait);
                wait = Math.Min(wait * 2, 100);
            }
            catch (IOException e)
            {
                throw new VIToolkitException("InventoryLocked", ErrorKind.Busy,
                    $"The inventory {Path} stayed locked by another process for {LockTimeout.TotalSeconds:0} s; nothing was changed. Try again.", e) { Target = Path };
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
