using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace VIToolkit.Core.Inventory;

/// <summary>PowerCLI's HA restart priorities.</summary>
public enum HARestartPriority
{
    Disabled,
    Low,
    Medium,
    High,
}

/// <summary>What a host that loses its network does with its VMs (PowerCLI's HAIsolationResponse).</summary>
public enum HAIsolationResponse
{
    DoNothing,
    PowerOff,
    Shutdown,
}

/// <summary>PowerCLI's DRS automation levels.</summary>
public enum DrsAutomationLevel
{
    Manual,
    PartiallyAutomated,
    FullyAutomated,
}

/// <summary>
/// The persisted inventory ("Virtual Centre"'s database): clusters, their member hosts and settings. Never holds a
/// credential; host URIs are stored without passwords.
/// </summary>
public sealed class InventoryDocument
{
    /// <summary>
    /// The schema this build writes; a file with a higher number is refused, never overwritten. 2 added protected-VM
    /// records, DRS rules and DRS groups (empty when a version-1 file is read; the version-1 file is kept as a backup
    /// when it is first rewritten).
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    [JsonProperty("schemaVersion", Required = Required.Always)]
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>Incremented by every write: counts changes, and lets tests count lost updates.</summary>
    [JsonProperty("revision")]
    public long Revision { get; set; }

    [JsonProperty("clusters")]
    public List<ClusterRecord> Clusters { get; set; } = new();

    /// <summary>Per-host settings that do not depend on a cluster (how to reach a host for migrations).</summary>
    [JsonProperty("hosts")]
    public List<HostSettingsRecord> Hosts { get; set; } = new();

    /// <summary>VMs that HA restarts, each with the definition to restart it from while its host is dead (schema 2).</summary>
    [JsonProperty("protectedVMs")]
    public List<ProtectedVMRecord> ProtectedVMs { get; set; } = new();

    /// <summary>DRS affinity rules of the clusters (schema 2).</summary>
    [JsonProperty("drsRules")]
    public List<DrsRuleRecord> DrsRules { get; set; } = new();

    /// <summary>Named groups of VMs or hosts that DRS rules refer to (schema 2).</summary>
    [JsonProperty("drsGroups")]
    public List<DrsGroupRecord> DrsGroups { get; set; } = new();
}

/// <summary>A VM that HA protects: where it last ran, how urgent its restart is, and its definition (never a secret: libvirt leaves passwords out of an inactive definition unless asked for them).</summary>
public sealed class ProtectedVMRecord
{
    [JsonProperty("uuid", Required = Required.Always)]
    public Guid Uuid { get; set; }

    [JsonProperty("name", Required = Required.Always)]
    public string Name { get; set; } = string.Empty;

    [JsonProperty("clusterId")]
    public Guid ClusterId { get; set; }

    /// <summary>The host it was last seen running on (URI without password).</summary>
    [JsonProperty("hostUri")]
    public string? HostUri { get; set; }

    [JsonProperty("restartPriority"), JsonConverter(typeof(StringEnumConverter))]
    public HARestartPriority RestartPriority { get; set; } = HARestartPriority.Medium;

    /// <summary>The inactive domain XML, to define the VM on another host when its own is gone.</summary>
    [JsonProperty("definition")]
    public string? Definition { get; set; }

    [JsonProperty("revision")]
    public long Revision { get; set; }

    [JsonProperty("modified")]
    public DateTime ModifiedUtc { get; set; }
}

/// <summary>What a DRS rule asks (PowerCLI: New-DrsRule -KeepTogether, New-DrsVMHostRule -Type).</summary>
public enum DrsRuleType
{
    KeepTogether,
    KeepApart,
    MustRunOn,
    ShouldRunOn,
    MustNotRunOn,
    ShouldNotRunOn,
}

/// <summary>One DRS rule of a cluster: VMs together or apart, or a VM group on (or off) a host group.</summary>
public sealed class DrsRuleRecord
{
    [JsonProperty("id", Required = Required.Always)]
    public Guid Id { get; set; }

    [JsonProperty("clusterId", Required = Required.Always)]
    public Guid ClusterId { get; set; }

    [JsonProperty("name", Required = Required.Always)]
    public string Name { get; set; } = string.Empty;

    [JsonProperty("type"), JsonConverter(typeof(StringEnumConverter))]
    public DrsRuleType Type { get; set; }

    [JsonProperty("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary>The VMs (UUIDs) of a KeepTogether or KeepApart rule.</summary>
    [JsonProperty("vms")]
    public List<Guid> VMs { get; set; } = new();

    /// <summary>For VM-to-host rules: the VM group and the host group (names of DRS groups of the cluster).</summary>
    [JsonProperty("vmGroup")]
    public string? VMGroup { get; set; }

    [JsonProperty("hostGroup")]
    public string? HostGroup { get; set; }

    [JsonProperty("revision")]
    public long Revision { get; set; }
}

/// <summary>A named group of VMs (UUIDs) or of hosts (URIs) of one cluster.</summary>
public sealed class DrsGroupRecord
{
    [JsonProperty("clusterId", Required = Required.Always)]
    public Guid ClusterId { get; set; }

    [JsonProperty("name", Required = Required.Always)]
    public string Name { get; set; } = string.Empty;

    /// <summary>True for a group of hosts, false for a group of VMs.</summary>
    [JsonProperty("hosts")]
    public bool IsHostGroup { get; set; }

    [JsonProperty("members")]
    public List<string> Members { get; set; } = new();
}

/// <summary>How other hosts reach this one for migrations, where its own URI does not do (a unix socket, NAT).</summary>
public sealed class HostSettingsRecord
{
    [JsonProperty("uri", Required = Required.Always)]
    public string Uri { get; set; } = string.Empty;

    [JsonProperty("name")]
    public string? Name { get; set; }

    /// <summary>The URI a source daemon uses to reach this host's daemon (peer-to-peer migration); never with a password.</summary>
    [JsonProperty("migrationUri")]
    public string? MigrationUri { get; set; }

    /// <summary>Where QEMU sends a migrating VM's memory (libvirt's migrate_uri, e.g. tcp://10.0.0.2).</summary>
    [JsonProperty("migrationDataUri")]
    public string? MigrationDataUri { get; set; }
}

/// <summary>One cluster as stored.</summary>
public sealed class ClusterRecord
{
    [JsonProperty("id", Required = Required.Always)]
    public Guid Id { get; set; }

    [JsonProperty("name", Required = Required.Always)]
    public string Name { get; set; } = string.Empty;

    [JsonProperty("hosts")]
    public List<ClusterHostRecord> Hosts { get; set; } = new();

    [JsonProperty("ha")]
    public HASettings HA { get; set; } = new();

    [JsonProperty("drs")]
    public DrsSettings Drs { get; set; } = new();

    /// <summary>May a VM of this cluster move to a host outside it? (the seed: "cannot VMotion between two ESX's that are not in the same cluster")</summary>
    [JsonProperty("allowMigrationOutOfCluster")]
    public bool AllowMigrationOutOfCluster { get; set; }

    [JsonProperty("revision")]
    public long Revision { get; set; }

    [JsonProperty("created")]
    public DateTime CreatedUtc { get; set; }

    [JsonProperty("modified")]
    public DateTime ModifiedUtc { get; set; }
}

/// <summary>A member host: how to reach it again (URI without password) and what it was called.</summary>
public sealed class ClusterHostRecord
{
    [JsonProperty("name", Required = Required.Always)]
    public string Name { get; set; } = string.Empty;

    [JsonProperty("uri", Required = Required.Always)]
    public string Uri { get; set; } = string.Empty;

    [JsonProperty("id")]
    public string? Id { get; set; }

    /// <summary>In maintenance: placement, HA and DRS leave it alone.</summary>
    [JsonProperty("maintenance")]
    public bool Maintenance { get; set; }
}

public sealed class HASettings
{
    [JsonProperty("enabled")]
    public bool Enabled { get; set; }

    [JsonProperty("admissionControlEnabled")]
    public bool AdmissionControlEnabled { get; set; } = true;

    /// <summary>Host failures the cluster must tolerate (admission control).</summary>
    [JsonProperty("failoverLevel")]
    public int FailoverLevel { get; set; } = 1;

    [JsonProperty("restartPriority"), JsonConverter(typeof(StringEnumConverter))]
    public HARestartPriority RestartPriority { get; set; } = HARestartPriority.Medium;

    [JsonProperty("isolationResponse"), JsonConverter(typeof(StringEnumConverter))]
    public HAIsolationResponse IsolationResponse { get; set; } = HAIsolationResponse.DoNothing;
}

public sealed class DrsSettings
{
    [JsonProperty("enabled")]
    public bool Enabled { get; set; }

    [JsonProperty("automationLevel"), JsonConverter(typeof(StringEnumConverter))]
    public DrsAutomationLevel AutomationLevel { get; set; } = DrsAutomationLevel.FullyAutomated;

    /// <summary>1 (conservative, only mandatory moves) to 5 (aggressive); vSphere's default is 3.</summary>
    [JsonProperty("migrationThreshold")]
    public int MigrationThreshold { get; set; } = 3;
}
