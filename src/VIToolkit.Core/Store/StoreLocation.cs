using System;
using System.Data.Common;
using System.IO;
using System.Linq;

namespace VIToolkit.Core.Store;

/// <summary>Which backend a store uses.</summary>
public enum StoreKind
{
    /// <summary>One SQLite file on this machine (the default): many processes of one machine share it.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several machines (admins, the HA monitor) share.</summary>
    PostgreSql,
}

/// <summary>
/// Where the store is: a backend and its connection string. Chosen, first match wins, by <c>$env:VITOOLKIT_STORE</c>
/// (a SQLite file path, <c>Data Source=…</c> for SQLite, or a PostgreSQL connection string such as
/// <c>Host=db01;Database=vitoolkit;Username=vit</c>), the persisted setting (Set-VIToolkitConfiguration -Store), the
/// folder of <c>$env:VITOOLKIT_INVENTORY</c> (the JSON inventory of earlier versions, imported once), else
/// <c>$XDG_DATA_HOME/VIToolkit/vitoolkit.db</c>. A password in a connection string is never shown: a pgpass file
/// (PGPASSFILE, ~/.pgpass) or a credential is the way to give one.
/// </summary>
public sealed class StoreLocation : IEquatable<StoreLocation>
{
    /// <summary>Environment variable that selects the store.</summary>
    public const string StoreVariable = "VITOOLKIT_STORE";

    /// <summary>The JSON inventory of earlier versions; its folder holds the SQLite store when VITOOLKIT_STORE is not set.</summary>
    public const string LegacyInventoryVariable = "VITOOLKIT_INVENTORY";

    /// <summary>The SQLite file's name in the data folder.</summary>
    public const string DefaultFileName = "vitoolkit.db";

    private StoreLocation(StoreKind kind, string connectionString, string display, string? legacyInventory)
    {
        Kind = kind;
        ConnectionString = connectionString;
        Display = display;
        LegacyInventoryPath = legacyInventory;
    }

    public StoreKind Kind { get; }

    /// <summary>The connection string as given, with any password: for the driver only, never for a message.</summary>
    internal string ConnectionString { get; }

    /// <summary>What messages show: the SQLite path, or the connection string without its password.</summary>
    public string Display { get; }

    /// <summary>A JSON inventory of an earlier version to import once (it is kept, renamed, as a backup).</summary>
    public string? LegacyInventoryPath { get; }

    /// <summary>The SQLite file (null for PostgreSQL).</summary>
    public string? FilePath => Kind == StoreKind.Sqlite ? Display : null;

    /// <summary>The data folder: $XDG_DATA_HOME/VIToolkit, else ~/.local/share/VIToolkit.</summary>
    public static string DataFolder
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            string data = !string.IsNullOrWhiteSpace(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return Path.Combine(data, "VIToolkit");
        }
    }

    /// <summary>The store this process uses now (read each time: the variables may change between commands).</summary>
    public static StoreLocation Current(string? configured = null)
    {
        string? legacy = Environment.GetEnvironmentVariable(LegacyInventoryVariable);
        legacy = string.IsNullOrWhiteSpace(legacy) ? null : Path.GetFullPath(legacy);
        string? given = Environment.GetEnvironmentVariable(StoreVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Parse(given, legacy);
        }
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Parse(configured, legacy);
        }
        string folder = legacy is not null ? Path.GetDirectoryName(legacy)! : DataFolder;
        return Sqlite(Path.Combine(folder, DefaultFileName), legacy ?? Path.Combine(DataFolder, "inventory.json"));
    }

    /// <summary>A store from what a user gave: a file path, or a connection string (SQLite's <c>Data Source=</c>, else PostgreSQL's).</summary>
    public static StoreLocation Parse(string text, string? legacyInventory = null)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Any(char.IsControl))
        {
            throw Invalid("it is empty or has control characters");
        }
        if (!text.Contains('=', StringComparison.Ordinal))
        {
            return Sqlite(CheckedPath(text), legacyInventory);
        }
        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = text };
        }
        catch (ArgumentException e)
        {
            throw Invalid(RedactConnectionString(e.Message));
        }
        foreach (string key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (builder.TryGetValue(key, out object? source) && source is string file && !string.IsNullOrWhiteSpace(file))
            {
                return Sqlite(CheckedPath(file), legacyInventory);
            }
        }
        if (!builder.ContainsKey("Host") && !builder.ContainsKey("Server"))
        {
            throw Invalid("a PostgreSQL connection string needs Host=…; a SQLite store is a file path or Data Source=…");
        }
        return new StoreLocation(StoreKind.PostgreSql, text, RedactConnectionString(text), legacyInventory: null);
    }

    /// <summary>The same PostgreSQL store with a user and password given apart from the setting (never shown).</summary>
    internal StoreLocation WithCredential(System.Net.NetworkCredential credential)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        if (!string.IsNullOrEmpty(credential.UserName))
        {
            builder["Username"] = credential.UserName;
        }
        builder["Password"] = credential.Password;
        return new StoreLocation(Kind, builder.ConnectionString, RedactConnectionString(builder.ConnectionString), LegacyInventoryPath);
    }

    /// <summary>A SQLite file path that can be one: no name longer than 255 bytes, the whole at most 4096.</summary>
    private static string CheckedPath(string text)
    {
        string path = Path.GetFullPath(text);
        if (path.Length > 4096 || path.Split('/').Any(part => System.Text.Encoding.UTF8.GetByteCount(part) > 255))
        {
            throw Invalid($"'{MessageText.Input(text)}' cannot be a file path (a name has more than 255 bytes, or the path more than 4096)");
        }
        return path;
    }

    private static StoreLocation Sqlite(string path, string? legacy) => new(StoreKind.Sqlite, path, path, legacy);

    private static VIToolkitException Invalid(string why) =>
        new InvalidInputException("InvalidStore", $"The store setting cannot be used: {MessageText.Clause(why)}.", null);

    /// <summary>The connection string without any password (Password=, Pwd=, or a URI's user:password@).</summary>
    public static string RedactConnectionString(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        text = Redaction.RedactUris(text);
        return System.Text.RegularExpressions.Regex.Replace(text,
            @"(?i)(?<key>(^|;)\s*(password|pwd)\s*=\s*)(?<value>""[^""]*""|'[^']*'|[^;]*)", "${key}***");
    }

    public bool Equals(StoreLocation? other) =>
        other is not null && Kind == other.Kind && string.Equals(ConnectionString, other.ConnectionString, StringComparison.Ordinal)
        && string.Equals(LegacyInventoryPath, other.LegacyInventoryPath, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as StoreLocation);

    public override int GetHashCode() => HashCode.Combine(Kind, ConnectionString, LegacyInventoryPath);

    public override string ToString() => Display;
}
