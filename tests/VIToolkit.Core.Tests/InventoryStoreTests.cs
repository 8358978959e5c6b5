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
        Assert.Contains("\"schemaVersion\": 1", File.ReadAllText(store.Path));
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
        var write = Assert.Throws<VIToolkitException>(() => store.Update(d => { d.Clusters.Add(Cluster("x")); return 0; }));
        Assert.Equal("InventoryCorrupt", write.ErrorId);
        Assert.Equal(content, File.ReadAllText(store.Path));
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
