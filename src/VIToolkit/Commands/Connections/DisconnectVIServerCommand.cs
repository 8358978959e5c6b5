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
    [ArgumentCompleter(typeof(VIServerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public object[]? Server { get; set; }

    /// <summary>Disconnect without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Process()
    {
        var targets = new List<VIServer>();
        if (Server is null)
        {
            targets.AddRange(DefaultServers.Get(SessionState));
        }
        else
        {
            foreach (object item in Arguments.Flatten(Server))
            {
                if (item is VIServer server)
                {
                    targets.Add(server);
                    continue;
                }
                string text = item.ToString()!;
                var pattern = NamePattern.Create(text);
                var matches = Session.Connections.Servers
                    .Where(s => ServerNames.Matches(pattern, s) || pattern.IsMatch(s.Uri))
                    .ToList();
                if (matches.Count == 0 && !pattern.IsWildcard)
                {
                    WriteVIError(new ObjectNotFoundException("VIServerNotFound",
                        $"No connected server is named '{Redaction.RedactUris(text)}'.", Redaction.RedactUris(text)));
                }
                targets.AddRange(matches);
            }
        }

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
