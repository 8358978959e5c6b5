using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using VIToolkit.Core.Engine;
using VIToolkit.Base;
using VIToolkit.Core;
using VIToolkit.Core.Connections;

namespace VIToolkit.Commands.Connections;

/// <summary>Connects to one or more libvirt hosts.</summary>
[Cmdlet(VerbsCommunications.Connect, "VIServer", DefaultParameterSetName = ByUri)]
[OutputType(typeof(VIServer))]
public sealed class ConnectVIServerCommand : VIToolkitCmdlet
{
    private const string ByUri = "ByUri";
    private const string ByCluster = "ByCluster";
    private readonly List<string> _uris = new();
    private readonly List<string> _names = new();

    /// <summary>libvirt URIs, e.g. qemu:///system, qemu+ssh://root@kvm01/system, test:///default.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByUri)]
    [Alias("Uri", "ComputerName")]
    [ServerUriTransformation]
    [ValidateNotNullOrEmpty]
    public string[] Server { get; set; } = null!;

    /// <summary>Connect every member host of these clusters (names or objects), as the inventory knows them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByCluster)]
    [ClusterTransformation]
    [ArgumentCompleter(typeof(Clusters.ClusterNameCompleter))]
    [ValidateNotNullOrEmpty]
    public ClusterArgument[] Cluster { get; set; } = null!;

    /// <summary>User name and password offered to libvirt when the host asks for them; never stored.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The name the host is known by; defaults to the URI's host (or the host file's name).</summary>
    [Parameter(ParameterSetName = ByUri)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    public SwitchParameter ReadOnly { get; set; }

    /// <summary>Do not add the connection to $DefaultVIServers.</summary>
    [Parameter]
    public SwitchParameter NotDefault { get; set; }

    protected override void Process()
    {
        if (ParameterSetName == ByUri)
        {
            _uris.AddRange(Server);
            _names.AddRange(Server.Select(_ => Name!));
            return;
        }
        foreach (var cluster in Found(ClusterResolver.Resolve(Cluster, Session)))
        {
            _uris.AddRange(cluster.Hosts.Select(h => h.Uri));
            _names.AddRange(cluster.Hosts.Select(h => h.Name));
        }
    }

    protected override void End()
    {
        if (Name is not null && _uris.Count > 1)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException("-Name names one host; connect to one server at a time when you give it."),
                "NameWithManyServers", ErrorCategory.InvalidArgument, Name));
        }

        NetworkCredential? credential = Credential?.GetNetworkCredential();
        foreach (string uri in _uris)
        {
            WriteVerbose($"Connecting to {Redaction.RedactUris(uri)}");
        }

        // Hosts are connected in parallel (SSH and TLS handshakes take seconds) and reported in the order given.
        var outcomes = new (VIServer? Server, bool Reused, VIToolkitException? Error)[_uris.Count];
        Parallel.For(0, _uris.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = CancellationToken }, i =>
        {
            try
            {
                var server = Session.Connections.Connect(_uris[i], _names[i], credential, ReadOnly, out bool reused);
                outcomes[i] = (server, reused, null);
            }
            catch (VIToolkitException e)
            {
                outcomes[i] = (null, false, e);
            }
        });

        foreach (var (server, reused, error) in outcomes)
        {
            if (error is not null)
            {
                WriteVIError(error);
                continue;
            }
            if (reused)
            {
                WriteVerbose($"Reusing the open connection to {server!.Uri}");
            }
            if (!NotDefault)
            {
                DefaultServers.Add(SessionState, server!);
            }
            WriteObject(server);
        }
    }
}
