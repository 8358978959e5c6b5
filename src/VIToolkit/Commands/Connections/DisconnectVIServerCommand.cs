using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Engine;
using VIToolkit.Base;
using VIToolkit.Completers;
using VIToolkit.Core;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.Connections;

/// <summary>Closes connections to hosts.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "VIServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VIServer))]
public sealed class DisconnectVIServerCommand : VIToolkitCmdlet
{
    /// <summary>VIServer objects, or names/URIs with wildcards. Default: the default servers.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [VIServerTransformation]
    [ArgumentCompleter(typeof(VIServerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VIServerArgument[]? Server { get; set; }

    /// <summary>Disconnect without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Process()
    {
        var targets = Server is null ? DefaultServers.Get(SessionState) : Found(ServerResolver.Resolve(Server, Session));
        foreach (var server in targets.Distinct())
        {
            if (!ShouldProcess($"{server.Name} ({server.Uri})", "Disconnect", Force))
            {
                continue;
            }
            Session.Connections.Disconnect(server);
            DefaultServers.Remove(SessionState, server);
            if (PassThru)
            {
                WriteObject(server);
            }
        }
    }
}
