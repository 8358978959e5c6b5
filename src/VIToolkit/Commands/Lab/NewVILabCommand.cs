using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Engine;
using VIToolkit.Base;
using VIToolkit.Core;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Lab;

namespace VIToolkit.Commands.Lab;

/// <summary>Builds a simulated estate on the libvirt test driver and connects to it.</summary>
[Cmdlet(VerbsCommon.New, "VILab", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(VIServer))]
public sealed class NewVILabCommand : VIToolkitCmdlet
{
    [Parameter(Position = 0)]
    [ValidateRange(1, 256)]
    public int HostCount { get; set; } = 4;

    [Parameter(Position = 1)]
    [ValidateRange(0, 5000)]
    public int VMsPerHost { get; set; } = 25;

    /// <summary>Folder for the host files (default: a VIToolkitLab folder under the temp folder).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>CPU models, cycled over the hosts (esx01 gets the first…).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 31)]
    public string[]? CpuModel { get; set; }

    /// <summary>Host name prefix (default esx: esx01, esx02…).</summary>
    [Parameter]
    [ValidateInputPattern("^[A-Za-z][A-Za-z0-9-]{0,20}$", "a letter, then up to 20 letters, digits or '-'")]
    public string HostPrefix { get; set; } = "esx";

    [Parameter]
    public int Seed { get; set; } = 1;

    /// <summary>Put every VM in this state (default: a mix, mostly powered on).</summary>
    [Parameter]
    public Core.Model.PowerState? PowerState { get; set; }

    [Parameter]
    public SwitchParameter NotDefault { get; set; }

    /// <summary>More networks per host (net04, net05…), for larger estates.</summary>
    [Parameter]
    [ValidateRange(0, 200)]
    public int ExtraNetworks { get; set; }

    /// <summary>More shared NFS datastores per host (san02, san03…).</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int ExtraDatastores { get; set; }

    /// <summary>Misname networks on some hosts, as in the seed: @{ esx04 = @{ 'Priv172.17' = 'Private_172.17' } }.</summary>
    [Parameter]
    public System.Collections.Hashtable? NetworkRename { get; set; }

    private static System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, string>> ToRenames(System.Collections.Hashtable? table)
    {
        var result = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, string>>(System.StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry host in table ?? new System.Collections.Hashtable())
        {
            var map = new System.Collections.Generic.Dictionary<string, string>(System.StringComparer.Ordinal);
            if ((host.Value is PSObject p ? p.BaseObject : host.Value) is not System.Collections.IDictionary names)
            {
                throw new InvalidInputException("InvalidNetworkRename",
                    $"NetworkRename maps each host to a table of old = new network names, as @{{ esx04 = @{{ 'Priv172.17' = 'Private_172.17' }} }}; the value for '{MessageText.Input(host.Key.ToString())}' is not a table.", null);
            }
            foreach (System.Collections.DictionaryEntry pair in names)
            {
                map[pair.Key.ToString()!] = pair.Value?.ToString() ?? string.Empty;
            }
            result[host.Key.ToString()!] = map;
        }
        return result;
    }

    protected override void End()
    {
        string folder = Path is null
            ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "VIToolkitLab")
            : FileSystemPath(Path, "InvalidLabPath", "the lab's folder");
        var spec = new LabSpec
        {
            Path = folder,
            HostCount = HostCount,
            VMsPerHost = VMsPerHost,
            HostPrefix = HostPrefix,
            Seed = Seed,
            PowerState = PowerState,
            ExtraNetworks = ExtraNetworks,
            ExtraDatastores = ExtraDatastores,
            NetworkRenames = ToRenames(NetworkRename),
            CpuModels = CpuModel ?? new LabSpec { Path = folder }.CpuModels,
        };
        LabBuilder.Validate(spec); // bad input fails before -WhatIf says what would be done
        // One name, one host: a host of an earlier lab with a name this lab uses is replaced (a warning says so);
        // a host that is not simulated keeps its name and the lab is refused.
        var replaced = new System.Collections.Generic.List<VIServer>();
        foreach (var host in LabBuilder.Hosts(spec))
        {
            var namesakes = Session.Connections.Servers.Where(s => s.IsConnected && s.Uri != host.Uri
                && string.Equals(s.Name, host.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (namesakes.Any(s => !s.Simulated))
            {
                Session.Connections.EnsureNameFree(host.Name, host.Uri,
                    $"Give this lab another -HostPrefix, or disconnect that host first (Disconnect-VIServer '{host.Name}').");
            }
            replaced.AddRange(namesakes);
        }
        if (!ShouldProcess(MessageText.Input(folder), $"Create a simulated estate of {HostCount} host(s) with {VMsPerHost} VM(s) each"))
        {
            return;
        }

        foreach (var old in replaced)
        {
            WriteWarning($"Disconnected {old.Name} ({old.Uri}), a host of an earlier lab: a host of this lab takes its name.");
            Session.Connections.Disconnect(old);
            DefaultServers.Remove(SessionState, old);
        }

        System.Collections.Generic.IReadOnlyList<LabHost> hosts;
        try
        {
            hosts = LabBuilder.Build(spec);
        }
        catch (VIToolkitException e)
        {
            ThrowVIError(e);
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET names the whole path in its message; the message shows it as it shows every input.
            string shown = MessageText.Input(folder);
            var error = new IOException($"The lab could not be written to '{shown}': {e.Message.Replace(folder, shown, StringComparison.Ordinal)}", e);
            ThrowTerminatingError(new ErrorRecord(error, "LabPathNotWritable", ErrorCategory.WriteError, folder));
            return;
        }

        WriteVerbose($"Simulated estate written to {folder} (libvirt test driver: no real guests run).");
        foreach (var host in hosts)
        {
            try
            {
                // A lab host is rebuilt from its file: drop any connection of an earlier lab at the same path.
                foreach (var old in Session.Connections.Servers.Where(s => s.Uri == host.Uri).ToList())
                {
                    Session.Connections.Disconnect(old);
                    DefaultServers.Remove(SessionState, old);
                }
                var server = Session.Connections.Connect(host.Uri, host.Name, null, false, out _);
                if (!NotDefault)
                {
                    DefaultServers.Add(SessionState, server);
                }
                WriteObject(server);
            }
            catch (VIToolkitException e)
            {
                WriteVIError(e, target: host.Uri);
            }
        }
    }
}
