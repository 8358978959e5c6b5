using System;
using System.IO;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Compatibility;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Lab;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class CompatibilityTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vitoolkit-compat-" + Guid.NewGuid().ToString("N"));
    private readonly ConnectionManager _manager = new VIToolkit.Core.Engine.VISession().Connections;

    public void Dispose()
    {
        foreach (var server in _manager.Servers)
        {
            _manager.Disconnect(server);
        }
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private VIServer[] Lab(string prefix, int hosts, string[]? cpus = null, string? misnamedOn = null)
    {
        var renames = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, string>>();
        if (misnamedOn is not null)
        {
            renames[misnamedOn] = new System.Collections.Generic.Dictionary<string, string> { ["Priv172.17"] = "Private_172.17" };
        }
        var built = LabBuilder.Build(new LabSpec
        {
            Path = Path.Combine(_folder, prefix), HostCount = hosts, VMsPerHost = 2, HostPrefix = prefix,
            CpuModels = cpus ?? new[] { "Xeon" }, NetworkRenames = renames,
        });
        return built.Select(h => _manager.Connect(h.Uri, null, null, false, out _)).ToArray();
    }

    private static readonly System.Collections.Generic.HashSet<CompatibilityCategory> All = Enum.GetValues<CompatibilityCategory>().ToHashSet();

    [Theory]
    [InlineData("Priv172.17", "Private_172.17", true)]
    [InlineData("VM Network", "VM-Network", true)]
    [InlineData("vMotion", "vmotion", true)]
    [InlineData("Priv172.17", "Priv172.18", false)]
    [InlineData("Storage", "vMotion", false)]
    [InlineData("web", "web", false)]
    public void Near_miss_names(string a, string b, bool expected) => Assert.Equal(expected, NameSimilarity.IsNearMiss(a, b));

    [Fact]
    public void Identical_hosts_pass_everything_but_the_local_datastore_warning()
    {
        var results = CompatibilityChecker.Test("Prod", Lab("ok", 3), All, CancellationToken.None);
        Assert.DoesNotContain(results, r => r.Result == CheckResult.Failed);
        Assert.Equal(3, results.Count(r => r.Code == "LocalDatastore"));
        Assert.All(results.Where(r => r.Category == CompatibilityCategory.Cpu), r => Assert.Contains("ModelName", r.Message));
        Assert.Equal(new[] { "ok01", "ok02", "ok03" }, results.Select(r => r.VMHost).Distinct());
    }

    [Fact]
    public void The_seeds_near_miss_network_is_named_on_the_odd_host_only()
    {
        var results = CompatibilityChecker.Test("Prod", Lab("seed", 4, misnamedOn: "seed04"), All, CancellationToken.None);
        var failed = Assert.Single(results, r => r.Result == CheckResult.Failed);
        Assert.Equal("seed04", failed.VMHost);
        Assert.Equal("NetworkNameNearMiss", failed.Code);
        Assert.Contains("Priv172.17", failed.Message);
        Assert.Contains("Private_172.17", failed.Message);
    }

    [Fact]
    public void Different_cpu_models_fail_with_the_declared_fallback()
    {
        var results = CompatibilityChecker.Test(null, Lab("cpu", 3, cpus: new[] { "Xeon A", "Xeon A", "Xeon B" }),
            new System.Collections.Generic.HashSet<CompatibilityCategory> { CompatibilityCategory.Cpu }, CancellationToken.None);
        var failed = Assert.Single(results, r => r.Result == CheckResult.Failed);
        Assert.Equal(("cpu03", "CpuModelMismatch"), (failed.VMHost, failed.Code));
        Assert.Contains("declared fallback", failed.Message);
    }

    [Fact]
    public void An_unreachable_host_fails_with_HostUnreachable_and_the_others_are_checked()
    {
        var servers = Lab("gone", 3);
        _manager.Disconnect(servers[1]);
        var results = CompatibilityChecker.Test("Prod", servers, new System.Collections.Generic.HashSet<CompatibilityCategory> { CompatibilityCategory.Network, CompatibilityCategory.Storage }, CancellationToken.None);
        Assert.Equal(2, results.Count(r => r.VMHost == "gone02" && r.Code == "HostUnreachable" && r.Result == CheckResult.Failed));
        Assert.Contains(results, r => r.VMHost == "gone01" && r.Code == "NetworksMatch");
        Assert.Contains(results, r => r.VMHost == "gone03" && r.Code == "SharedDatastoresPresent");
    }

    [Fact]
    public void Categories_can_be_chosen()
    {
        var results = CompatibilityChecker.Test(null, Lab("cat", 2), new System.Collections.Generic.HashSet<CompatibilityCategory> { CompatibilityCategory.Network }, CancellationToken.None);
        Assert.All(results, r => Assert.Equal(CompatibilityCategory.Network, r.Category));
    }

    [Fact]
    public void The_host_model_cpu_becomes_an_exact_guest_cpu_with_its_features()
    {
        const string capabilities = "<domainCapabilities><cpu>"
            + "<mode name='host-passthrough' supported='yes'/>"
            + "<mode name='host-model' supported='yes'><model fallback='forbid'>Skylake-Client-IBRS</model><vendor>Intel</vendor>"
            + "<feature policy='require' name='ss'/><feature policy='disable' name='hle'/></mode>"
            + "</cpu></domainCapabilities>";
        var cpu = System.Xml.Linq.XElement.Parse(CpuXml.HostModelAsGuestCpu(capabilities)!);
        Assert.Equal("custom", (string?)cpu.Attribute("mode"));
        Assert.Equal("exact", (string?)cpu.Attribute("match"));
        Assert.Equal("Skylake-Client-IBRS", cpu.Element("model")!.Value);
        Assert.Equal("forbid", (string?)cpu.Element("model")!.Attribute("fallback"));
        Assert.Equal("Intel", cpu.Element("vendor")!.Value);
        Assert.Equal(new[] { "require:ss", "disable:hle" }, cpu.Elements("feature").Select(f => $"{(string?)f.Attribute("policy")}:{(string?)f.Attribute("name")}"));
        Assert.Null(CpuXml.HostModelAsGuestCpu("<domainCapabilities><cpu><mode name='host-model' supported='no'/></cpu></domainCapabilities>"));
    }

    [Fact]
    public void The_html_report_escapes_what_it_shows()
    {
        string path = Path.Combine(_folder, "report.html");
        Directory.CreateDirectory(_folder);
        HtmlReport.Write(path, HtmlReport.Subject(new[] { "<b>Prod</b>&" }, Array.Empty<string>()), new[] { new CompatibilityResult("c", "<host>&", CompatibilityCategory.Network, "Networks", CheckResult.Failed, "X", "<script>", "s") });
        string html = File.ReadAllText(path);
        Assert.Contains("&lt;host&gt;&amp;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("<title>Compatibility of cluster &lt;b&gt;Prod&lt;/b&gt;&amp; (VIToolkit)</title>", html);
        Assert.Contains("<h1>Compatibility of cluster &lt;b&gt;Prod&lt;/b&gt;&amp;</h1>", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void The_html_report_names_what_it_checked()
    {
        Assert.Equal("cluster Prod", HtmlReport.Subject(new[] { "Prod" }, Array.Empty<string>()));
        Assert.Equal("clusters Prod, Test", HtmlReport.Subject(new[] { "Prod", "Test" }, new[] { "esx01" }));
        Assert.Equal("hosts esx01, esx04, esx05", HtmlReport.Subject(Array.Empty<string>(), new[] { "esx01", "esx04", "esx05" }));
        Assert.Equal("host esx01", HtmlReport.Subject(Array.Empty<string>(), new[] { "esx01" }));
        var many = Enumerable.Range(1, 12).Select(i => $"esx{i:00}").ToArray();
        Assert.Equal("hosts esx01, esx02, esx03, esx04, esx05, esx06, esx07, esx08, esx09, esx10 and 2 more", HtmlReport.Subject(Array.Empty<string>(), many));
    }
}
