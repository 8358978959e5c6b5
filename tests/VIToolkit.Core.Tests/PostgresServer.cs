using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace VIToolkit.Core.Tests;

/// <summary>
/// A private PostgreSQL server for the store tests, started by tests/hosts/pgserver.sh in a fresh folder under TMPDIR
/// (its own data, unix socket and 127.0.0.1 port, so that servers started at once never collide) and stopped by PID
/// in <see cref="Dispose"/>. The role <see cref="Username"/> owns <see cref="Database"/> and has a random password.
/// </summary>
/// <remarks>
/// One server per test class: <c>IClassFixture&lt;PostgresServer&gt;</c>; one for several classes:
/// <c>[Collection(PostgresCollection.Name)]</c>. Either way mark the tests <see cref="PostgresFactAttribute"/>: they are
/// skipped, with the reason, only where the machine cannot run a server (<see cref="UnavailableReason"/>: no server
/// binaries, no Linux); where it can, a server that fails to start fails the tests with the script's message.
/// A test run that dies without Dispose leaves no server behind either: the script's watcher stops it when this
/// process is gone.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(180);
    private static readonly Lazy<string?> Script = new(FindScript);
    private static readonly Lazy<string?> Unavailable = new(ProbeUnavailableReason);

    private readonly object _gate = new();
    private readonly bool _fsync;
    private Dictionary<string, string> _info;
    private bool _disposed;

    public PostgresServer()
        : this(fsync: true)
    {
    }

    private PostgresServer(bool fsync)
    {
        _fsync = fsync;
        SkipReason = UnavailableReason;
        _info = new Dictionary<string, string>();
        if (SkipReason is not null)
        {
            return;
        }
        Directory = Path.Combine(Path.GetTempPath(), "vitoolkit-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var watch = Stopwatch.StartNew();
        try
        {
            _info = Start();
        }
        catch
        {
            try
            {
                RunScript("stop", Directory);  // a half-made folder
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
            }
            throw;
        }
        StartDuration = watch.Elapsed;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>A server with fsync off: faster commits, for tests that never check durability.</summary>
    public static PostgresServer WithoutFsync() => new(fsync: false);

    /// <summary>Why this machine cannot run a test server (no server binaries, ...), or null when it can.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>The reason the tests are skipped here, or null when the server runs.</summary>
    public string? SkipReason { get; }

    /// <summary>Npgsql connection string over 127.0.0.1, with the password.</summary>
    public string ConnectionString => Get("ConnectionString");

    /// <summary>The same without the password: use with <see cref="PgPassFile"/> (Passfile=…) or to check redaction.</summary>
    public string ConnectionStringWithoutPassword => Get("ConnectionStringWithoutPassword");

    /// <summary>Npgsql connection string over the server's unix socket (Host is the socket's folder).</summary>
    public string SocketConnectionString => Get("SocketConnectionString");

    /// <summary>The superuser postgres on the database postgres, for tests that must change roles or kill sessions.</summary>
    public string AdminConnectionString => Get("AdminConnectionString");

    public string Host => Get("Host");

    public int Port => int.Parse(Get("Port"), CultureInfo.InvariantCulture);

    public string SocketDirectory => Get("SocketDir");

    public string Database => Get("Database");

    public string Username => Get("Username");

    public string Password => Get("Password");

    /// <summary>A pgpass file (0600) with the password for 127.0.0.1, localhost and the socket folder.</summary>
    public string PgPassFile => Get("PgPass");

    /// <summary>The postmaster's PID.</summary>
    public int Pid => int.Parse(Get("Pid"), CultureInfo.InvariantCulture);

    /// <summary>The server's folder: data, socket, log, password files. Removed by Dispose.</summary>
    public string Directory { get; } = string.Empty;

    public string LogFile => Get("Log");

    public TimeSpan StartDuration { get; private set; }

    public TimeSpan StopDuration { get; private set; }

    /// <summary>kill -9 of the server and its backends, as in a crash. <see cref="Restart"/> recovers it.</summary>
    public void Kill()
    {
        ClearPools();
        var result = RunScript("kill", Directory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgserver.sh kill {Directory} failed: {result.Error}");
        }
    }

    /// <summary>Starts a killed server again: same port, password and data; PostgreSQL replays its WAL first.</summary>
    public void Restart()
    {
        var info = Start();
        lock (_gate)
        {
            _info = info;
        }
    }

    /// <summary>Stops the server by PID (its backends too) and removes its folder. Safe to call twice.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed || SkipReason is not null)
            {
                return;
            }
            _disposed = true;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        ClearPools();
        var watch = Stopwatch.StartNew();
        var result = RunScript("stop", Directory);
        StopDuration = watch.Elapsed;
        if (result.ExitCode != 0)
        {
            // The script is the way to stop it; if it failed, at least the postmaster goes (its backends follow).
            try
            {
                using var postmaster = Process.GetProcessById(Pid);
                postmaster.Kill();
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
            throw new InvalidOperationException($"pgserver.sh stop {Directory} failed (exit {result.ExitCode}): {result.Error}");
        }
    }

    /// <summary>True while PID is a live process (a zombie counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return !state.StartsWith('Z') && !state.StartsWith('X');
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private Dictionary<string, string> Start()
    {
        var arguments = new List<string> { "start", Directory, "--owner", Environment.ProcessId.ToString(CultureInfo.InvariantCulture) };
        if (!_fsync)
        {
            arguments.Add("--no-fsync");
        }
        var result = RunScript(arguments.ToArray());
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not start a test PostgreSQL server: pgserver.sh start {Directory} exited with {result.ExitCode}.\n{result.Error}");
        }
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var i = line.IndexOf('=', StringComparison.Ordinal);
            if (i > 0)
            {
                info[line[..i]] = line[(i + 1)..];
            }
        }
        if (!info.ContainsKey("ConnectionString") || !info.ContainsKey("Pid"))
        {
            throw new InvalidOperationException($"pgserver.sh start {Directory} printed no server:\n{result.Output}\n{result.Error}");
        }
        return info;
    }

    private string Get(string key)
    {
        if (SkipReason is not null)
        {
            throw new InvalidOperationException("No test PostgreSQL server on this machine: " + SkipReason);
        }
        lock (_gate)
        {
            return _info[key];
        }
    }

    private void ClearPools()
    {
        foreach (var key in new[] { "ConnectionString", "SocketConnectionString", "AdminConnectionString" })
        {
            string? connectionString;
            lock (_gate)
            {
                _info.TryGetValue(key, out connectionString);
            }
            if (connectionString is not null)
            {
                using var connection = new NpgsqlConnection(connectionString);
                NpgsqlConnection.ClearPool(connection);
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            Dispose();
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "hosts", "pgserver.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string? ProbeUnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "private PostgreSQL servers need Linux";
        }
        if (Script.Value is null)
        {
            return null;  // a broken checkout is a failure (the fixture says so), never a skip
        }
        try
        {
            var result = RunScript("can-run");
            return result.ExitCode == 0 ? null : $"{result.Output.Trim()} {result.Error.Trim()}".Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "cannot run bash: " + e.Message;
        }
    }

    private static (int ExitCode, string Output, string Error) RunScript(params string[] arguments)
    {
        var script = Script.Value
            ?? throw new FileNotFoundException("tests/hosts/pgserver.sh was not found above " + AppContext.BaseDirectory);
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ScriptTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pgserver.sh {string.Join(' ', arguments)} did not finish in {ScriptTimeout.TotalSeconds} s.");
        }
        // The script leaves nothing holding its output (the server and the watcher write elsewhere): both ends come.
        Task.WaitAll(new Task[] { output, error }, TimeSpan.FromSeconds(30));
        return (process.ExitCode, output.IsCompletedSuccessfully ? output.Result : string.Empty,
            error.IsCompletedSuccessfully ? error.Result : string.Empty);
    }
}

/// <summary>One <see cref="PostgresServer"/> shared by the test classes marked <c>[Collection(PostgresCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}

/// <summary>A fact that needs a test PostgreSQL server: skipped, with the reason, where the machine cannot run one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs a test PostgreSQL server: skipped, with the reason, where the machine cannot run one.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
