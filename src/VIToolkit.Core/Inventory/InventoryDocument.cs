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
    /// <summary>The schema this build writes; a file with a higher number is refused, never overwritten.</summary>
    public const int CurrentSchemaVersion = 1;

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
