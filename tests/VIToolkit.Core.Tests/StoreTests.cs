using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VIToolkit.Core.Inventory;
using VIToolkit.Core.Store;
using Xunit;

namespace VIToolkit.Core.Tests;

/// <summary>What every store backend must do; each backend runs all of it (issue 11: "every store test runs on both backends").</summary>
public abstract class StoreContract : IDisposable
{
    /// <summary>A new, empty store of this backend.</summary>
    protected abstract StoreLocation NewLocation();

    private readonly Lazy<StoreLocation> _location;

    protected StoreContract() => _location = new Lazy<StoreLocation>(NewLocation, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

    protected StoreLocation Location => _location.Value;

    /// <summary>Another handle on the same store, as another process or machine would have.</summary>
    protected VIStore Open() => VIStore.Open(Location);

    public virtual void Dispose()
    {
    }

    private static ClusterRecord Cluster(string name) =>
        new() { Id = Guid.NewGuid(), Name = name, Revision = 1, CreatedUtc = DateTime.UtcNow, ModifiedUtc = DateTime.UtcNow };

    [Fact]
    public void A_new_store_has_an_empty_inventory()
    {
        var read = Open().Read();
        Assert.Empty(read.Clusters);
        Assert.Empty(read.Hosts);
        Assert.Equal(0, read.Revision);
    }

    [Fact]
    public void Updates_are_seen_by_another_handle_without_loss()
    {
        var cluster = Cluster("Prod");
        cluster.Hosts.Add(new ClusterHostRecord { Name = "kvm01", Uri = "qemu+tcp://10.0.0.1/system", Id = "h1", Maintenance = true });
        cluster.HA.Enabled = true;
        cluster.HA.FailoverLevel = 2;
        cluster.Drs.MigrationThreshold = 4;
        Open().Update(d =>
        {
            d.Clusters.Add(cluster);
            d.Hosts.Add(new HostSettingsRecord { Uri = "qemu+tcp://10.0.0.1/system", Name = "kvm01", MigrationUri = "qemu+tcp://192.168.0.1/system" });
            d.ProtectedVMs.Add(new ProtectedVMRecord { Uuid = Guid.NewGuid(), Name = "db01", ClusterId = cluster.Id, RestartPriority = HARestartPriority.High, Definition = "<domain/>", Revision = 1 });
            d.DrsRules.Add(new DrsRuleRecord { Id = Guid.NewGuid(), ClusterId = cluster.Id, Name = "apart", Type = DrsRuleType.KeepApart, VMs = { Guid.NewGuid(), Guid.NewGuid() } });
            d.DrsGroups.Add(new DrsGroupRecord { ClusterId = cluster.Id, Name = "fast", IsHostGroup = true, Members = { "kvm01" } });
            return 0;
        });
        var read = Open().Read();
        Assert.Equal(1, read.Revision);
        var prod = Assert.Single(read.Clusters);
        Assert.Equal(cluster.Id, prod.Id);
        Assert.Equal("kvm01", Assert.Single(prod.Hosts).Name);
        Assert.True(prod.Hosts[0].Maintenance);
        Assert.Equal(2, prod.HA.FailoverLevel);
        Assert.Equal(4, prod.Drs.MigrationThreshold);
        Assert.Equal("qemu+tcp://192.168.0.1/system", Assert.Single(read.Hosts).MigrationUri);
        Assert.Equal(HARestartPriority.High, Assert.Single(read.ProtectedVMs).RestartPriority);
        Assert.Equal(DrsRuleType.KeepApart, Assert.Single(read.DrsRules).Type);
        Assert.Equal(new[] { "kvm01" }, Assert.Single(read.DrsGroups).Members);
    }

    [Fact]
    public void An_update_that_changes_nothing_or_throws_writes_nothing()
    {
        var store = Open();
        store.Update(d => { d.Clusters.Add(Cluster("A")); return 0; });
        store.Update(d => d.Clusters.Count);
        Assert.Equal(1, store.Read().Revision);
        Assert.Throws<InvalidOperationException>(() => store.Update<int>(d =>
        {
            d.Clusters.Clear();
            d.Clusters.Add(Cluster("B"));
            throw new InvalidOperationException("changed my mind");
        }));
        var read = Open().Read();
        Assert.Equal(1, read.Revision);
        Assert.Equal("A", Assert.Single(read.Clusters).Name);
    }

    [Fact]
    public void Only_changed_records_are_written_and_a_removed_record_is_gone()
    {
        var store = Open();
        store.Update(d => { d.Clusters.Add(Cluster("A")); d.Clusters.Add(Cluster("B")); return 0; });
        store.Update(d => { d.Clusters.RemoveAll(c => c.Name == "A"); return 0; });
        Assert.Equal(new[] { "B" }, Open().Read().Clusters.Select(c => c.Name));
    }

    [Fact]
    public void Two_records_with_one_identity_are_refused_and_nothing_is_written()
    {
        var store = Open();
        var twin = Cluster("A");
        var error = Assert.Throws<VIToolkitException>(() => store.Update(d => { d.Clusters.Add(twin); d.Clusters.Add(twin); return 0; }));
        Assert.Equal("InventoryConflict", error.ErrorId);
        Assert.Empty(Open().Read().Clusters);
    }

    [Fact]
    public void Concurrent_writers_lose_no_update()
    {
        Open().Update(d => { d.Clusters.Add(Cluster("Counter")); return 0; });
        const int writers = 4, each = 25;
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            var store = Open(); // one handle per writer, as separate processes have
            for (int i = 0; i < each; i++)
            {
                store.Update(d =>
                {
                    var counter = d.Clusters.Single();
                    counter.Hosts.Add(new ClusterHostRecord { Name = $"h{w}-{i}", Uri = $"test:///h{w}-{i}" });
                    counter.Revision++;
                    return 0;
                });
            }
        });
        var read = Open().Read();
        Assert.Equal(writers * each, read.Clusters.Single().Hosts.Count);
        Assert.Equal(1 + writers * each, read.Revision);
    }

    private static VIEvent Event(string type, string entity, DateTime when, string? host = null, string? cluster = null) =>
        new() { Type = type, EntityType = "VirtualMachine", EntityName = entity, EntityId = "id-" + entity, Host = host, Cluster = cluster, CreatedTime = when, FullFormattedMessage = $"{entity}: {type}" };

    [Fact]
    public void Events_get_monotonic_keys_and_come_back_newest_first_with_every_field()
    {
        var store = Open();
        var now = DateTime.UtcNow;
        var first = new VIEvent
        {
            Type = "VmMigratedEvent", Severity = EventSeverity.Warning, EntityType = "VirtualMachine", EntityName = "db01", EntityId = "u1",
            Host = "kvm02", Cluster = "Prod", UserName = "alice", FullFormattedMessage = "db01 moved", ChainId = "Task-7", CreatedTime = now,
            Data = new Dictionary<string, string> { ["downtimeMs"] = "120" },
        };
        store.AppendEvents(new[] { first, Event("VmPoweredOnEvent", "web01", now.AddSeconds(1)) });
        Assert.True(first.Key > 0);
        var page = Open().QueryEvents(new EventQuery());
        Assert.False(page.Truncated);
        Assert.Equal(new[] { "web01", "db01" }, page.Events.Select(e => e.EntityName));
        Assert.True(page.Events[0].Key > page.Events[1].Key);
        var read = page.Events[1];
        Assert.Equal(EventSeverity.Warning, read.Severity);
        Assert.Equal(("VmMigratedEvent", "u1", "kvm02", "Prod", "alice", "Task-7"), (read.Type, read.EntityId, read.Host, read.Cluster, read.UserName, read.ChainId));
        Assert.Equal("120", read.Data["downtimeMs"]);
        Assert.Equal(DateTimeKind.Utc, read.CreatedTime.Kind);
        Assert.Equal(now.Ticks, read.CreatedTime.Ticks);
    }

    [Fact]
    public void Event_queries_filter_by_entity_host_cluster_time_type_and_user_and_say_when_MaxSamples_cut()
    {
        var store = Open();
        var t0 = DateTime.UtcNow.AddHours(-2);
        store.AppendEvents(Enumerable.Range(0, 50).Select(i =>
            Event(i % 2 == 0 ? "VmPoweredOnEvent" : "VmPoweredOffEvent", "vm" + (i % 5), t0.AddMinutes(i * 2), host: "h" + (i % 3), cluster: i < 25 ? "Prod" : "Test")).ToList());
        Assert.Equal(10, store.QueryEvents(new EventQuery { EntityIds = new[] { "id-vm1" } }).Events.Count);
        Assert.All(store.QueryEvents(new EventQuery { Hosts = new[] { "h0" } }).Events, e => Assert.Equal("h0", e.Host));
        Assert.Equal(25, store.QueryEvents(new EventQuery { Clusters = new[] { "Test" } }).Events.Count);
        Assert.Equal(25, store.QueryEvents(new EventQuery { Names = new[] { "Prod" } }).Events.Count);
        Assert.Equal(25, store.QueryEvents(new EventQuery { Types = new[] { "VmPoweredOnEvent" } }).Events.Count);
        var lastHour = store.QueryEvents(new EventQuery { Start = t0.AddHours(1) }).Events;
        Assert.All(lastHour, e => Assert.True(e.CreatedTime >= t0.AddHours(1)));
        Assert.Equal(20, lastHour.Count);
        Assert.Equal(5, store.QueryEvents(new EventQuery { Start = t0.AddMinutes(10), Finish = t0.AddMinutes(18) }).Events.Count);
        Assert.Empty(store.QueryEvents(new EventQuery { UserNames = new[] { "nobody" } }).Events);
        var cut = store.QueryEvents(new EventQuery { MaxSamples = 7 });
        Assert.True(cut.Truncated);
        Assert.Equal(7, cut.Events.Count);
        Assert.False(store.QueryEvents(new EventQuery { MaxSamples = 50 }).Truncated);
        Assert.Equal(50, store.QueryEvents(new EventQuery()).Events.Count);
    }

    [Fact]
    public void Old_and_excess_events_are_pruned()
    {
        var store = Open();
        var now = DateTime.UtcNow;
        store.AppendEvents(Enumerable.Range(0, 30).Select(i => Event("VmPoweredOnEvent", "vm" + i, i < 10 ? now.AddDays(-100) : now)).ToList());
        Assert.Equal(10 + 5, store.PruneEvents(TimeSpan.FromDays(90), keep: 15));
        var left = store.QueryEvents(new EventQuery()).Events;
        Assert.Equal(15, left.Count);
        Assert.Equal("vm29", left[0].EntityName);
    }

    [Fact]
    public void Concurrent_appenders_lose_no_event_and_keys_are_unique()
    {
        const int writers = 4, batches = 10, each = 50;
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            var store = Open();
            for (int b = 0; b < batches; b++)
            {
                store.AppendEvents(Enumerable.Range(0, each).Select(i => Event("VmPoweredOnEvent", $"w{w}", DateTime.UtcNow)).ToList());
            }
        });
        var all = Open().QueryEvents(new EventQuery()).Events;
        Assert.Equal(writers * batches * each, all.Count);
        Assert.Equal(all.Count, all.Select(e => e.Key).Distinct().Count());
        Assert.All(Enumerable.Range(0, writers), w => Assert.Equal(batches * each, all.Count(e => e.EntityName == $"w{w}")));
    }

    [Fact]
    public void A_store_of_a_newer_schema_is_refused_by_name_and_left_untouched()
    {
        var store = Open();
        store.Update(d => { d.Clusters.Add(Cluster("A")); return 0; });
        store.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            store.SetMeta(connection, transaction, "schemaVersion", "99");
            transaction.Commit();
            return 0;
        });
        var error = Assert.Throws<VIToolkitException>(() => Open().Read());
        Assert.Equal("StoreVersionUnsupported", error.ErrorId);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        Assert.Throws<VIToolkitException>(() => Open().Update(d => { d.Clusters.Clear(); return 0; }));
        store.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            store.SetMeta(connection, transaction, "schemaVersion", VIStore.CurrentSchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            transaction.Commit();
            return 0;
        });
        Assert.Equal("A", Assert.Single(Open().Read().Clusters).Name);
    }
}

public sealed class SqliteStoreTests : StoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vitoolkit-store-" + Guid.NewGuid().ToString("N"));

    protected override StoreLocation NewLocation() => StoreLocation.Parse(Path.Combine(_folder, "vitoolkit.db"));

    public override void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_file_is_in_WAL_mode()
    {
        Open().Update(d => { d.Clusters.Add(new ClusterRecord { Id = Guid.NewGuid(), Name = "A" }); return 0; });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        byte[] header = File.ReadAllBytes(Location.FilePath!).Take(20).ToArray();
        Assert.Equal("SQLite format 3\0", System.Text.Encoding.ASCII.GetString(header, 0, 16));
        Assert.Equal(2, header[18]); // file format write version 2 = WAL
    }

    [Theory]
    [InlineData("not a database at all, just text")]
    [InlineData("")]
    public void A_file_that_is_not_a_database_is_refused_and_never_overwritten(string content)
    {
        Directory.CreateDirectory(_folder);
        byte[] bytes = content.Length == 0 ? Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray() : System.Text.Encoding.UTF8.GetBytes(content);
        File.WriteAllBytes(Location.FilePath!, bytes);
        var read = Assert.Throws<VIToolkitException>(() => Open().Read());
        Assert.Equal("StoreCorrupt", read.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, read.Kind);
        Assert.Contains(Location.FilePath!, read.Message, StringComparison.Ordinal);
        var write = Assert.Throws<VIToolkitException>(() => Open().Update(d => { d.Clusters.Add(new ClusterRecord { Id = Guid.NewGuid(), Name = "x" }); return 0; }));
        Assert.Equal("StoreCorrupt", write.ErrorId);
        Assert.Equal(bytes, File.ReadAllBytes(Location.FilePath!));
    }

    [Fact]
    public void A_database_of_something_else_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(_folder);
        using (var other = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Location.FilePath))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)";
            command.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        byte[] before = File.ReadAllBytes(Location.FilePath!);
        var error = Assert.Throws<VIToolkitException>(() => Open().Read());
        Assert.Equal("StoreCorrupt", error.ErrorId);
        Assert.Contains("not VIToolkit's", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(Location.FilePath!));
    }

    private const string Version1Json = InventoryStoreTests.Version1;

    [Fact]
    public void A_version_1_JSON_inventory_is_imported_once_without_loss_and_kept_as_a_backup()
    {
        Directory.CreateDirectory(_folder);
        string json = Path.Combine(_folder, "inventory.json");
        File.WriteAllText(json, Version1Json);
        var where = StoreLocation.Parse(Path.Combine(_folder, "vitoolkit.db"), json);
        var read = VIStore.Open(where).Read();
        var prod = Assert.Single(read.Clusters);
        Assert.Equal(Guid.Parse("8a0d3f4e-5b0e-4a55-9b43-1f0c2b9d7e11"), prod.Id);
        Assert.Equal(7, prod.Revision);
        Assert.True(prod.Hosts.Single().Maintenance);
        Assert.False(prod.HA.AdmissionControlEnabled);
        Assert.Equal(HAIsolationResponse.PowerOff, prod.HA.IsolationResponse);
        Assert.Equal(DrsAutomationLevel.Manual, prod.Drs.AutomationLevel);
        Assert.True(prod.AllowMigrationOutOfCluster);
        Assert.Equal(new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc), prod.CreatedUtc);
        Assert.Equal("tcp://192.168.0.1", read.Hosts.Single().MigrationDataUri);
        Assert.Equal(4, read.Revision);
        Assert.False(File.Exists(json), "the imported file is renamed, so no one edits it thinking it is still used");
        Assert.Equal(Version1Json, File.ReadAllText(json + ".imported.bak"));

        // Once: a JSON file that appears again later is not imported over the store.
        File.WriteAllText(json, Version1Json.Replace("Prod", "Other", StringComparison.Ordinal));
        VIStore.Open(where).Update(d => { d.Clusters.Single().Name = "Renamed"; return 0; });
        Assert.Equal("Renamed", VIStore.Open(where).Read().Clusters.Single().Name);
    }

    [Fact]
    public void A_corrupt_JSON_inventory_is_not_imported_and_blocks_the_store_until_fixed()
    {
        Directory.CreateDirectory(_folder);
        string json = Path.Combine(_folder, "inventory.json");
        File.WriteAllText(json, "{ \"schemaVersion\": 1, \"clusters\": [ { \"name\": ");
        var where = StoreLocation.Parse(Path.Combine(_folder, "vitoolkit.db"), json);
        var error = Assert.Throws<VIToolkitException>(() => VIStore.Open(where).Read());
        Assert.Equal("InventoryCorrupt", error.ErrorId);
        Assert.Contains(json, error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(json), "left untouched");
        File.WriteAllText(json, Version1Json);
        Assert.Equal("Prod", Assert.Single(VIStore.Open(where).Read().Clusters).Name);
    }
}

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("Host=db01;Database=vit;Username=vit;Password=S3cret", "S3cret")]
    [InlineData("Host=db01;Database=vit;Username=vit;PWD='S3cr;et'", "S3cr")]
    [InlineData("Host=db01;Database=vit;Username=vit;password = \"p;w\"", "p;w")]
    public void A_password_in_a_connection_string_is_never_shown(string text, string secret)
    {
        var where = StoreLocation.Parse(text);
        Assert.Equal(StoreKind.PostgreSql, where.Kind);
        Assert.DoesNotContain(secret, where.Display, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, where.ToString(), StringComparison.Ordinal);
        Assert.Contains("Host=db01", where.Display, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/var/lib/vit/store.db")]
    [InlineData("Data Source=/var/lib/vit/store.db")]
    public void A_path_or_a_Data_Source_is_SQLite(string text)
    {
        var where = StoreLocation.Parse(text);
        Assert.Equal(StoreKind.Sqlite, where.Kind);
        Assert.Equal("/var/lib/vit/store.db", where.FilePath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Database=vit;Username=vit")]
    [InlineData("a\0b")]
    public void A_setting_that_names_no_store_is_refused(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => StoreLocation.Parse(text));
        Assert.Equal("InvalidStore", error.ErrorId);
    }

    [Fact]
    public void A_server_that_does_not_answer_is_StoreUnavailable_quickly_and_shows_no_password()
    {
        var clock = Stopwatch.StartNew();
        var store = VIStore.Open(StoreLocation.Parse("Host=127.0.0.1;Port=1;Database=vit;Username=vit;Password=Hunter2;Timeout=2"));
        var error = Assert.Throws<VIToolkitException>(() => store.Read());
        Assert.Equal("StoreUnavailable", error.ErrorId);
        Assert.Equal(ErrorKind.Unreachable, error.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.DoesNotContain("Hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunter2", error.Target?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }
}

/// <summary>The same contract on a real PostgreSQL server (tests/hosts/pgserver.sh): each test gets a schema of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests : StoreContract
{
    private readonly PostgresServer _pg;
    private readonly string _schema = "t" + Guid.NewGuid().ToString("N");

    public PostgresStoreTests(PostgresServer pg) => _pg = pg;

    protected override StoreLocation NewLocation()
    {
        Assert.True(_pg.SkipReason is null, "this machine cannot run the PostgreSQL test server: " + _pg.SkipReason);
        using (var connection = new Npgsql.NpgsqlConnection(_pg.ConnectionString))
        {
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            command.ExecuteNonQuery();
        }
        return StoreLocation.Parse(_pg.ConnectionString + ";Search Path=" + _schema);
    }

    [Fact]
    public void The_password_of_the_connection_string_never_shows_and_a_wrong_one_is_StoreAuthenticationFailed()
    {
        Assert.DoesNotContain(_pg.Password, Location.Display, StringComparison.Ordinal);
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(_pg.ConnectionString) { Password = "wrong-" + _pg.Password };
        var error = Assert.Throws<VIToolkitException>(() => VIStore.Open(StoreLocation.Parse(wrong.ConnectionString)).Read());
        Assert.Equal("StoreAuthenticationFailed", error.ErrorId);
        Assert.DoesNotContain(_pg.Password, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_pg.Password, error.Target?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pgpass_file_gives_the_password()
    {
        string text = _pg.ConnectionStringWithoutPassword + ";Passfile=" + _pg.PgPassFile;
        var store = VIStore.Open(StoreLocation.Parse(text));
        Assert.Empty(store.Read().Clusters);
    }
}
