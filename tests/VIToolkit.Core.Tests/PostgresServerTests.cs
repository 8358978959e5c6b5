using System.IO;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace VIToolkit.Core.Tests;

/// <summary>The shared test server (<see cref="PostgresCollection"/>): reachable with the password, the pgpass file and
/// the unix socket, and only with the right password.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests
{
    private readonly PostgresServer _pg;

    public PostgresServerTests(PostgresServer pg, ITestOutputHelper output)
    {
        _pg = pg;
        output.WriteLine($"server {pg.SkipReason ?? $"PID {pg.Pid} in {pg.Directory}, started in {pg.StartDuration.TotalSeconds:0.00} s"}");
    }

    [PostgresFact]
    public void ConnectsWithThePasswordAndRunsSelectVersion()
    {
        using var connection = new NpgsqlConnection(_pg.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT version(), current_user, current_database(), current_setting('fsync')", connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.StartsWith("PostgreSQL ", reader.GetString(0));
        Assert.Equal(_pg.Username, reader.GetString(1));
        Assert.Equal(_pg.Database, reader.GetString(2));
        Assert.Equal("on", reader.GetString(3));
    }

    [PostgresFact]
    public void ThePgPassFileAndTheSocketStandInForThePasswordAndTcp()
    {
        Assert.DoesNotContain(_pg.Password, _pg.ConnectionStringWithoutPassword);
        using (var viaPgPass = new NpgsqlConnection(_pg.ConnectionStringWithoutPassword + ";Passfile=" + _pg.PgPassFile))
        {
            viaPgPass.Open();
        }
        using (var viaSocket = new NpgsqlConnection(_pg.SocketConnectionString))
        {
            viaSocket.Open();
            Assert.True(File.Exists(Path.Combine(_pg.SocketDirectory, ".s.PGSQL." + _pg.Port)));
        }
        var wrong = new NpgsqlConnectionStringBuilder(_pg.ConnectionString) { Password = "not-" + _pg.Password, Pooling = false };
        using var refused = new NpgsqlConnection(wrong.ConnectionString);
        var e = Assert.Throws<PostgresException>(() => refused.Open());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, e.SqlState);
    }
}

/// <summary>Servers of their own: gone by PID after Dispose, and durable through a kill -9.</summary>
public sealed class PostgresServerLifetimeTests
{
    private readonly ITestOutputHelper _output;

    public PostgresServerLifetimeTests(ITestOutputHelper output) => _output = output;

    [PostgresFact]
    public void TheServerAndItsFolderAreGoneAfterDispose()
    {
        var server = new PostgresServer();
        int pid;
        string folder;
        try
        {
            pid = server.Pid;
            folder = server.Directory;
            Assert.True(PostgresServer.IsAlive(pid));
            using var connection = new NpgsqlConnection(server.ConnectionString);
            connection.Open();  // a session, still open at Dispose: the stop must not wait for it
        }
        finally
        {
            server.Dispose();
        }
        _output.WriteLine($"start {server.StartDuration.TotalSeconds:0.00} s, stop {server.StopDuration.TotalSeconds:0.00} s");
        Assert.False(PostgresServer.IsAlive(pid));
        Assert.False(Directory.Exists(folder));
    }

    [PostgresFact]
    public void CommittedRowsSurviveAKillAndARestart()
    {
        using var server = new PostgresServer();
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false };
        using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand("CREATE TABLE t (x int); INSERT INTO t VALUES (42)", connection);
            command.ExecuteNonQuery();
        }
        var before = server.Pid;
        server.Kill();
        Assert.False(PostgresServer.IsAlive(before));
        server.Restart();
        Assert.NotEqual(before, server.Pid);
        using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand("SELECT x FROM t", connection);
            Assert.Equal(42, command.ExecuteScalar());
        }
    }
}
