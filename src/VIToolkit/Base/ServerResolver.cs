using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Base;

/// <summary>Host and server names are DNS-like: exact names match case-insensitively, as do wildcards.</summary>
internal static class ServerNames
{
    internal static bool Matches(NamePattern pattern, VIServer server) =>
        pattern.IsWildcard
            ? pattern.IsMatch(server.Name)
            : string.Equals(server.Name, pattern.Literal, StringComparison.OrdinalIgnoreCase);

    /// <summary>A server by name, or by URI (shown without a password, as the server's own <see cref="VIServer.Uri"/>).</summary>
    internal static bool MatchesNameOrUri(NamePattern pattern, VIServer server) =>
        Matches(pattern, server)
        || (pattern.IsWildcard ? pattern.IsMatch(server.Uri) : string.Equals(server.Uri, Redaction.RedactUris(pattern.Literal!), StringComparison.Ordinal));
}

/// <summary>Resolves -Server arguments to the session's connections.</summary>
internal static class ServerResolver
{
    /// <summary>
    /// VIServer objects are the connections themselves (connected or not: work on them reports HostUnreachable);
    /// a VMHost stands for its connection; names and URIs (wildcards allowed) match the session's connections.
    /// </summary>
    internal static Resolution<VIServer> Resolve(IReadOnlyList<VIServerArgument> arguments, VISession session)
    {
        var result = new Resolution<VIServer>();
        var found = new List<VIServer>();
        var patterns = TargetArgument.Patterns(arguments);
        for (int i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i].Value)
            {
                case VIServer server:
                    found.Add(server);
                    continue;
                case VMHost host:
                    found.Add(host.Server);
                    continue;
            }
            var pattern = patterns[i]!;
            var matches = session.Connections.Servers.Where(s => ServerNames.MatchesNameOrUri(pattern, s)).ToList();
            if (matches.Count == 0 && !pattern.IsWildcard)
            {
                string target = Redaction.RedactUris(arguments[i].Name!);
                result.Fail(new ObjectNotFoundException("VIServerNotFound",
                    $"No connected server is named '{MessageText.Input(target)}'. Connect to it first with Connect-VIServer.", target));
            }
            found.AddRange(matches);
        }
        result.AddRange(found.Distinct());
        return result;
    }
}
