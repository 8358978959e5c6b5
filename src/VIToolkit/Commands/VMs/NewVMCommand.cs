using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Completers;
using VIToolkit.Core;
using VIToolkit.Core.Model;
using VIToolkit.Core.Provisioning;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.VMs;

/// <summary>Creates a VM on a host, from parameters or from domain XML.</summary>
[Cmdlet(VerbsCommon.New, "VM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = FromParameters)]
[OutputType(typeof(VirtualMachine))]
public sealed class NewVMCommand : VIToolkitCmdlet
{
    private const string FromParameters = "FromParameters";
    private const string FromXml = "FromXml";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromParameters, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>The host to create the VM on (an object from Get-VMHost, or a host name).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [VMHostTransformation(Single = true)]
    [ArgumentCompleter(typeof(VMHostNameCompleter))]
    [ValidateNotNull]
    public VMHostArgument VMHost { get; set; } = null!;

    [Parameter(ParameterSetName = FromParameters, ValueFromPipelineByPropertyName = true)]
    public long MemoryMB { get; set; } = 1024;

    [Parameter(ParameterSetName = FromParameters, ValueFromPipelineByPropertyName = true)]
    public int NumCpu { get; set; } = 1;

    /// <summary>Networks to connect, one NIC each.</summary>
    [Parameter(ParameterSetName = FromParameters, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VirtualNetworkNameCompleter))]
    [Alias("Network", "PortGroup")]
    public string[]? NetworkName { get; set; }

    /// <summary>The datastore (storage pool) that holds the disk.</summary>
    [Parameter(ParameterSetName = FromParameters, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatastoreNameCompleter))]
    public string? Datastore { get; set; }

    /// <summary>Size of the disk (qcow2, thin); 0 for none.</summary>
    [Parameter(ParameterSetName = FromParameters, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 65536)]
    public int DiskGB { get; set; }

    [Parameter(ParameterSetName = FromParameters, ValueFromPipelineByPropertyName = true)]
    [Alias("Description")]
    public string? Notes { get; set; }

    /// <summary>Only accept a host of these servers (guards a host name that several estates share).</summary>
    [Parameter]
    [VIServerTransformation]
    [ArgumentCompleter(typeof(VIServerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VIServerArgument[]? Server { get; set; }

    /// <summary>A complete libvirt domain definition, for full control; checked before libvirt sees it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromXml)]
    [ValidateNotNullOrEmpty]
    public string DomainXml { get; set; } = null!;

    private HashSet<string> _fromCommandLine = new();
    private IReadOnlyList<VIToolkit.Core.Connections.VIServer>? _servers;

    protected override void Begin() => _fromCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, System.StringComparer.OrdinalIgnoreCase);

    protected override void Process()
    {
        var found = HostResolver.ResolveOne(VMHost, Session);
        if (found.Errors.Count > 0)
        {
            Found(found);
            return;
        }
        var server = found.Items[0];
        // A VMHost piped in by value also binds its own Name and NumCpu by property name: those are the host's, not
        // the VM's. (Objects that describe VMs, e.g. CSV rows with a VMHost column, carry their own Name.)
        if (ParameterSetName == FromParameters && !_fromCommandLine.Contains(nameof(VMHost)) && VMHost.Value is not null)
        {
            if (!_fromCommandLine.Contains(nameof(Name)) && string.Equals(Name, server.Name, System.StringComparison.Ordinal))
            {
                WriteVIError(new InvalidInputException("VMNameRequired",
                    $"Give the new VM a name with -Name: '{Name}' is the name of the host piped in.", server.Name));
                return;
            }
            if (_fromCommandLine.Contains(nameof(Name)) && !_fromCommandLine.Contains(nameof(NumCpu)) && VMHost.Value is VMHost piped && NumCpu == piped.NumCpu)
            {
                NumCpu = 1;
            }
        }
        string name = ParameterSetName == FromXml ? TryName(DomainXml) : Name;
        _servers ??= Server is null ? null : ResolveServers(Server);
        if (_servers is not null && !_servers.Contains(server))
        {
            WriteVIError(new ObjectNotFoundException("VMHostNotFound", $"Host '{server.Name}' is not one of the servers given with -Server.", server.Name));
            return;
        }
        if (!ShouldProcess($"VM '{MessageText.Input(name)}' on host '{server.Name}'", "Create"))
        {
            return;
        }
        try
        {
            var vm = ParameterSetName == FromXml
                ? VMConfigService.NewFromXml(server, DomainXml)
                : VMConfigService.New(server, new VMSpec
                {
                    Name = Name,
                    MemoryMB = MemoryMB,
                    NumCpu = NumCpu,
                    NetworkNames = NetworkName ?? System.Array.Empty<string>(),
                    Datastore = Datastore,
                    DiskGB = DiskGB,
                    Notes = Notes,
                });
            WriteObject(vm);
        }
        catch (VIToolkitException e)
        {
            WriteVIError(e, target: e.Target ?? name);
        }
    }

    private static string TryName(string xml) => DomainXmlBuilder.TryReadName(xml) ?? "(invalid or unnamed domain XML)";
}
