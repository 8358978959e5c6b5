using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using VIToolkit.Core.Model;

namespace VIToolkit.Core.Connections;

/// <summary>
/// A session's open host connections. Connecting twice to the same URI as the same user reuses the open connection;
/// a connection that dropped is replaced by a fresh one (that is how a host that stopped answering is reconnected).
/// </summary>
public sealed class ConnectionManager
{
    private readonly object _gate = new();
    private readonly List<VIServer> _servers = new();
    private readonly Engine.VISession _session;

    internal ConnectionManager(Engine.VISession session) => _session = session;

    /// <summary>Open connections, oldest first.</summary>
    public IReadOnlyList<VIServer> Servers
    {
        get
        {
            lock (_gate)
            {
                return _servers.ToArray();
            }
        }
    }

    /// <summary>Connects to <paramref name="uriText"/>, or returns the open connection to it.</summary>
    /// <param name="reused">True when an open connection was returned.</param>
    public VIServer Connect(string uriText, string? name, NetworkCredential? credential, bool readOnly, out bool reused)
    {
        var uri = ConnectionUri.Parse(uriText);
        string? user = !string.IsNullOrEmpty(credential?.UserName) ? credential!.UserName : uri.User;
        lock (_gate)
        {
            // Reuse needs the same password too: a wrong one must not ride on an open connection.
            string? fingerprint = VIServer.Fingerprint(credential);
            var existing = _servers.FirstOrDefault(s => Matches(s, uri, user, readOnly) && s.CredentialFingerprint == fingerprint);
            if (existing is not null && existing.IsConnected)
            {
                reused = true;
                return existing;
            }
        }

        // Opening can take seconds (SSH, TLS): never under the lock.
        var server = VIServer.Open(uri, name, credential, readOnly);
        server.Session = _session;
        VIServer? stale;
        lock (_gate)
        {
            var raced = _servers.FirstOrDefault(s => Matches(s, uri, user, readOnly) && s.IsConnected);
            if (raced is not null)
            {
                server.Close();
                reused = true;
                return raced;
            }
            stale = _servers.FirstOrDefault(s => Matches(s, uri, user, readOnly));
            if (stale is not null)
            {
                _servers.Remove(stale);
            }
            _servers.Add(server);
        }
        // The state the old link had before it is closed: what the reconnection changed from.
        var previous = stale?.ConnectionState;
        stale?.Close();
        if (previous is { } was)
        {
            _session.RaiseHostStateChanged(server, was, HostConnectionState.Connected, "reconnected");
        }
        reused = false;
        return server;
    }

    /// <summary>Closes the connection and forgets it. Closing one that is already gone is harmless.</summary>
    public void Disconnect(VIServer server)
    {
        lock (_gate)
        {
            _servers.Remove(server);
        }
        server.Close();
    }

    private static bool Matches(VIServer server, ConnectionUri uri, string? user, bool readOnly) =>
        string.Equals(server.ConnectionUri.Original, uri.Original, StringComparison.Ordinal)
        && string.Equals(server.User, user, StringComparison.Ordinal)
        && server.ReadOnly == readOnly;
}
