using System;
using System.IO;
using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace VIToolkit.Core.Store;

/// <summary>Where the store setting in effect comes from.</summary>
public enum StoreSettingSource
{
    /// <summary>$env:VITOOLKIT_STORE.</summary>
    Environment,

    /// <summary>Set-VIToolkitConfiguration -Scope Session (this process only).</summary>
    Session,

    /// <summary>Set-VIToolkitConfiguration -Scope User (the user's configuration file).</summary>
    User,

    /// <summary>Nothing set: the SQLite file in the data folder (or beside $env:VITOOLKIT_INVENTORY).</summary>
    Default,
}

/// <summary>
/// The persisted settings (PowerCLI: Set-PowerCLIConfiguration): the store, for this process (Session) or for the user
/// (a JSON file, $XDG_CONFIG_HOME/VIToolkit/config.json). A password is never persisted: a pgpass file gives it, or a
/// credential for this process only.
/// </summary>
public static class StoreConfiguration
{
    private static readonly object s_gate = new();
    private static string? s_session;
    private static NetworkCredential? s_credential;

    /// <summary>The user's configuration file.</summary>
    public static string UserFile
    {
        get
        {
            string? xdg = System.Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            string config = !string.IsNullOrWhiteSpace(xdg)
                ? xdg
                : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(config, "VIToolkit", "config.json");
        }
    }

    /// <summary>The store in effect now, and where that setting comes from.</summary>
    public static (StoreLocation Location, StoreSettingSource Source) Effective()
    {
        if (!string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(StoreLocation.StoreVariable)))
        {
            return (WithCredential(StoreLocation.Current()), StoreSettingSource.Environment);
        }
        string? session;
        lock (s_gate)
        {
            session = s_session;
        }
        if (session is not null)
        {
            return (WithCredential(StoreLocation.Current(session)), StoreSettingSource.Session);
        }
        if (ReadUserSetting() is { } user)
        {
            return (WithCredential(StoreLocation.Current(user)), StoreSettingSource.User);
        }
        return (StoreLocation.Current(), StoreSettingSource.Default);
    }

    /// <summary>Sets (or with null clears) the store of this process, with an optional credential for it.</summary>
    public static void SetSession(string? store, NetworkCredential? credential)
    {
        if (store is not null)
        {
            EnsureNoPassword(store);
            StoreLocation.Parse(store);
        }
        lock (s_gate)
        {
            s_session = store;
            s_credential = store is null ? null : credential;
        }
    }

    /// <summary>Sets (or with null clears) the user's store setting, in the configuration file (written atomically).</summary>
    public static void SetUser(string? store)
    {
        if (store is not null)
        {
            EnsureNoPassword(store);
            StoreLocation.Parse(store);
        }
        string file = UserFile;
        try
        {
            var document = File.Exists(file) ? JObject.Parse(File.ReadAllText(file)) : new JObject();
            if (store is null)
            {
                document.Remove("store");
            }
            else
            {
                document["store"] = store;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            string temp = file + "." + System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllText(temp, document.ToString(Formatting.Indented));
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new VIToolkitException("ConfigurationNotWritten", ErrorKind.PermissionDenied,
                $"The configuration file {file} cannot be written: {e.Message}", e) { Target = file };
        }
    }

    /// <summary>The user's store setting, or null.</summary>
    public static string? ReadUserSetting()
    {
        string file = UserFile;
        try
        {
            return File.Exists(file) ? JObject.Parse(File.ReadAllText(file)).Value<string>("store") : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new VIToolkitException("ConfigurationCorrupt", ErrorKind.InvalidData,
                $"The configuration file {file} cannot be read ({e.Message}); it was left untouched. Fix it or remove it.", e) { Target = file };
        }
    }

    /// <summary>Refuses a store setting that names no store, or that holds a password.</summary>
    public static void Validate(string store)
    {
        EnsureNoPassword(store);
        StoreLocation.Parse(store);
    }

    /// <summary>A password in a setting would be kept, shown and copied: refused (a pgpass file or -Credential gives one).</summary>
    private static void EnsureNoPassword(string store)
    {
        if (StoreLocation.RedactConnectionString(store) != store)
        {
            throw new InvalidInputException("CredentialInConnectionString",
                "The store setting has a password; VIToolkit never keeps one. Put it in a pgpass file (PGPASSFILE or ~/.pgpass), or give -Credential for this session.",
                StoreLocation.RedactConnectionString(store));
        }
    }

    private static StoreLocation WithCredential(StoreLocation location)
    {
        NetworkCredential? credential;
        lock (s_gate)
        {
            credential = s_credential;
        }
        return credential is null || location.Kind != StoreKind.PostgreSql ? location : location.WithCredential(credential);
    }
}
