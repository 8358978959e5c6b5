using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Connections;

namespace VIToolkit.Base;

/// <summary>
/// PowerCLI's <c>$global:DefaultVIServers</c> (every server connected without -NotDefault) and
/// <c>$global:DefaultVIServer</c> (the last one). Users may set them too, so they are read each time.
/// </summary>
internal static class DefaultServers
{
    internal const string ListVariable = "global:DefaultVIServers";
    internal const string LastVariable = "global:DefaultVIServer";

    internal static IReadOnlyList<VIServer> Get(SessionState state) =>
        Flatten(state.PSVariable.GetValue(ListVariable)).ToList();

    internal static void Add(SessionState state, VIServer server)
    {
        var list = Get(state).Where(s => !ReferenceEquals(s, server)).ToList();
        list.Add(server);
        Publish(state, list);
    }

    internal static void Remove(SessionState state, VIServer server) =>
        Publish(state, Get(state).Where(s => !ReferenceEquals(s, server)).ToList());

    private static void Publish(SessionState state, List<VIServer> list)
    {
        list.RemoveAll(s => s.ConnectionState == Core.Model.HostConnectionState.Disconnected);
        state.PSVariable.Set(ListVariable, list.ToArray());
        state.PSVariable.Set(LastVariable, list.Count > 0 ? list[^1] : null);
    }

    private static IEnumerable<VIServer> Flatten(object? value)
    {
        switch (value is PSObject wrapped ? wrapped.BaseObject : value)
        {
            case VIServer server:
                yield return server;
                break;
            case System.Collections.IEnumerable many:
                foreach (object? item in many)
                {
                    if ((item is PSObject p ? p.BaseObject : item) is VIServer s)
                    {
                        yield return s;
                    }
                }
                break;
        }
    }
}
