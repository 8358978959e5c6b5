using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VIToolkit.Core.Inventory;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class InventoryStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vitoolkit-inv-" + Guid.NewGuid().ToString("N"));

    private InventoryStore Store(TimeSpan? timeout = null) =>
        new(Path.Combine(_folder, "inventory.json")) { LockTimeout = timeout ?? TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ClusterRecord Cluster(string name) => new() { Id = Guid.NewGuid(), Name = name };

    /// <summary>A version-1 inventory file (shared with the store's import tests).</summary>
    internal const string Version1 = """
        {
          "schemaVersion": 1,
          "revision": 4,
          "clusters": [
            {
              "id": "8a0d3f4e-5b0e-4a55-9b43-1f0c2b9d7e11",
              "name": "Prod",
              "hosts": [ { "name": "kvm01", "uri": "qemu+tcp://10.0.0.1/system", "id": "h1", "maintenance": true } ],
              "ha": { "enabled": true, "admissionControlEnabled": false, "failoverLevel": 2, "restartPriority": "High", "isolationResponse": "PowerOff" },
              "drs": { "enabled": true, "automationLevel": "Manual", "migrationThreshold": 4 },
              "allowMigrationOutOfCluster": true,
              "revision": 7,
              "created": "2026-11-01T10:00:00Z",
              "modified": "2026-11-02T10:00:00Z"
            }
          ],
          "hosts": [ { "uri": "qemu+tcp://10.0.0.1/system", "name": "kvm01", "migrationUri": "qemu+tcp://192.168.0.1/system", "migrationDataUri": "tcp://192.168.0.1" } ]
        }
        """;

    [Fact]
    public void A_version_1_file_is_read_without_loss_and_kept_as_a_backup_when_first_rewritten()
    {
        var store = Store();
        Directory.CreateDirectory(_folder);
        File.WriteAllText(store.Path, Version1);
        var read = store.Read();
        Assert.Equal(1, read.SchemaVersion);
        Assert.Empty(read.ProtectedVMs);
        Assert.Empty(read.DrsRules);
        Assert.Empty(read.DrsGroups);
        Assert.False(File.Exists(store.BackupPath(1)), "reading changes nothing");

        store.Update(d => { d.Clusters[0].Drs.MigrationThreshold = 5; return 0; });
        Assert.Equal(Version1, File.ReadAllText(store.BackupPath(1)));
        var after = store.Read();
        Assert.Equal(InventoryDocument.CurrentSchemaVersion, after.SchemaVersion);
        Assert.Equal(5, after.Revision);
        var cluster = after.Clusters.Single();
        Assert.Equal((Guid.Parse("8a0d3f4e-5b0e-4a55-9b43-1f0c2b9d7e11"), "Prod", true, 7L), (cluster.Id, cluster.Name, cluster.AllowMigrationOutOfCluster, cluster.Revision));
        Assert.Equal(("kvm01", "qemu+tcp://10.0.0.1/system", "h1", true), (cluster.Hosts[0].Name, cluster.Hosts[0].Uri, cluster.Hosts[0].Id, cluster.Hosts[0].Maintenance));
        Assert.Equal((true, false, 2, HARestartPriority.High, HAIsolationResponse.PowerOff),
            (cluster.HA.Enabled, cluster.HA.AdmissionControlEnabled, cluster.HA.FailoverLevel, cluster.HA.RestartPriority, cluster.HA.IsolationResponse));
        Assert.Equal((true, DrsAutomationLevel.Manual, 5), (cluster.Drs.Enabled, cluster.Drs.AutomationLevel, cluster.Drs.MigrationThreshold));
        Assert.Equal(new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc), cluster.CreatedUtc);
        var host = after.Hosts.Single();
        Assert.Equal(("qemu+tcp://192.168.0.1/system", "tcp://192.168.0.1"), (host.MigrationUri, host.MigrationDataUri));

        // The backup is made once: a later write leaves it as the version-1 file it was.
        store.Update(d => { d.Clusters[0].Drs.MigrationThreshold = 1; return 0; });
        Assert.Equal(Version1, File.ReadAllText(store.BackupPath(1)));
    }

    [Fact]
    public void Version_2_records_round_trip()
    {
        var store = Store();
        var vm = Guid.NewGuid();
        var clusterId = Guid.NewGuid();
        store.Update(d =>
        {
            d.ProtectedVMs.Add(new ProtectedVMRecord { Uuid = vm, Name = "db01", ClusterId = clusterId, HostUri = "qemu:///system", RestartPriority = HARestartPriority.High, Definition = "<domain/>" });
            d.DrsGroups.Add(new DrsGroupRecord { ClusterId = clusterId, Name = "dbs", Members = { vm.ToString() } });
            d.DrsGroups.Add(new DrsGroupRecord { ClusterId = clusterId, Name = "big", IsHostGroup = true, Members = { "qemu:///system" } });
            d.DrsRules.Add(new DrsRuleRecord { Id = Guid.NewGuid(), ClusterId = clusterId, Name = "dbs-on-big", Type = DrsRuleType.MustRunOn, VMGroup = "dbs", HostGroup = "big" });
            return 0;
        });
        var read = store.Read();
        Assert.False(File.Exists(store.BackupPath(1)), "a new file has no older schema to keep");
        Assert.Equal(("db01", HARestartPriority.High, "<domain/>"), (read.ProtectedVMs.Single().Name, read.ProtectedVMs.Single().RestartPriority, read.ProtectedVMs.Single().Definition));
        Assert.Equal(new[] { ("dbs", false), ("big", true) }, read.DrsGroups.Select(g => (g.Name, g.IsHostGroup)));
        Assert.Equal((DrsRuleType.MustRunOn, "dbs", "big", true), (read.DrsRules.Single().Type, read.DrsRules.Single().VMGroup, read.DrsRules.Single().HostGroup, read.DrsRules.Single().Enabled));
        Assert.Contains("\"MustRunOn\"", File.ReadAllText(store.Path));
    }

    [Fact]
    public void A_missing_file_is_an_empty_inventory()
    {
        var document = Store().Read();
        Assert.Empty(document.Clusters);
        Assert.Equal(InventoryDocument.CurrentSchemaVersion, document.SchemaVersion);
    }

    [Fact]
    public void Updates_round_trip_and_count_revisions()
    {
        var store = Store();
        store.Update(d => { d.Clusters.Add(Cluster("Prod \"quoted\" {json} ../path ümlaut")); return 0; });
        store.Update(d => { d.Clusters[0].HA.FailoverLevel = 2; return 0; });
        var read = store.Read();
        Assert.Equal(2, read.Revision);
        Assert.Equal("Prod \"quoted\" {json} ../path ümlaut", read.Clusters.Single().Name);
        Assert.Equal(2, read.Clusters[0].HA.FailoverLevel);
        Assert.Contains("\"schemaVersion\": 2", File.ReadAllText(store.Path));
    }

    [Fact]
    public void An_update_that_changes_nothing_writes_nothing()
    {
        var store = Store();
        store.Update(d => { d.Clusters.Add(Cluster("Prod")); return 0; });
        var written = File.GetLastWriteTimeUtc(store.Path);
        string content = File.ReadAllText(store.Path);
        System.Threading.Thread.Sleep(20);
        store.Update(d => d.Clusters.Count);
        Assert.Equal(content, File.ReadAllText(store.Path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(store.Path));
        Assert.Equal(1, store.Read().Revision);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"schemaVersion\": 1, \"clusters\": [ {\"name\": \"Pro")]
    [InlineData("not json at all")]
    [InlineData("{\"clusters\": []}")]
    [InlineData("{\"schemaVersion\": 1, \"clusters\": [ {\"id\": \"00000000-0000-0000-0000-000000000001\"} ]}")]
    public void A_corrupt_file_is_refused_and_left_untouched(string content)
    {
        var store = Store();
        Directory.CreateDirectory(_folder);
        File.WriteAllText(store.Path, content);
        var read = Assert.Throws<VIToolkitException>(() => store.Read());
        Assert.Equal("InventoryCorrupt", read.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, read.Kind);
        Assert.DoesNotContain("..", read.Message); // the parser's message ends with its own period (issue 10, item 18)
        var write = Assert.Throws<VIToolkitException>(() => store.Update(d => { d.Clusters.Add(Cluster("x")); return 0; }));
        Assert.Equal("InventoryCorrupt", write.ErrorId);
        Assert.Equal(content, File.ReadAllText(store.Path));
    }

    [Fact]
    public void A_file_name_too_long_for_its_lock_is_refused_at_once_not_as_locked()
    {
        Directory.CreateDirectory(_folder);
        var store = new InventoryStore(Path.Combine(_folder, new string('a', 300) + ".json"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<VIToolkitException>(() => store.Save(new InventoryDocument()));
        Assert.Equal("InventoryAccessDenied", error.ErrorId);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_newer_schema_is_refused_by_name_and_never_overwritten()
    {
        var store = Store();
        Directory.CreateDirectory(_folder);
        const string newer = "{\"schemaVersion\": 99, \"clusters\": [], \"futureField\": true}";
        File.WriteAllText(store.Path, newer);
        var error = Assert.Throws<VIToolkitException>(() => store.Update(d => 0));
        Assert.Equal("InventoryVersionUnsupported", error.ErrorId);
        Assert.Contains("99", error.Message);
        Assert.Equal(newer, File.ReadAllText(store.Path));
    }

    [Fact]
    public void A_failed_change_writes_nothing()
    {
        var store = Store();
        store.Update(d => { d.Clusters.Add(Cluster("Prod")); return 0; });
        string before = File.ReadAllText(store.Path);
        Assert.Throws<InvalidOperationException>(() => store.Update<int>(d => { d.Clusters.Clear(); throw new InvalidOperationException("no"); }));
        Assert.Equal(before, File.ReadAllText(store.Path));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Concurrent_writers_lose_no_update()
    {
        var store = Store();
        store.Update(d => { d.Clusters.Add(Cluster("Counter")); return 0; });
        Parallel.For(0, 100, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
            Store().Update(d => { d.Clusters[0].Revision++; return 0; }));
        var read = store.Read();
        Assert.Equal(100, read.Clusters[0].Revision);
        Assert.Equal(101, read.Revision);
    }

    [Fact]
    public void A_held_lock_times_out_with_InventoryLocked_and_writes_nothing()
    {
        var store = Store(TimeSpan.FromMilliseconds(300));
        store.Update(d => { d.Clusters.Add(Cluster("Prod")); return 0; });
        string before = File.ReadAllText(store.Path);
        using (new FileStream(store.Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<VIToolkitException>(() => store.Update(d => { d.Clusters.Clear(); return 0; }));
            Assert.Equal("InventoryLocked", error.ErrorId);
            Assert.Equal(ErrorKind.Busy, error.Kind);
        }
        Assert.Equal(before, File.ReadAllText(store.Path));
    }

    [Fact]
    public void The_default_path_follows_the_environment_variable()
    {
        string? saved = Environment.GetEnvironmentVariable(InventoryStore.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(InventoryStore.PathVariable, "/tmp/some/where.json");
            Assert.Equal("/tmp/some/where.json", InventoryStore.DefaultPath);
            Environment.SetEnvironmentVariable(InventoryStore.PathVariable, null);
            Assert.EndsWith(Path.Combine("VIToolkit", "inventory.json"), InventoryStore.DefaultPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(InventoryStore.PathVariable, saved);
        }
    }
}
