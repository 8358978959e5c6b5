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
        ValidateName(name);
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
            if (Namesake(server.Name, uri) is { } namesake)
            {
                server.Close();
                throw DuplicateName(namesake, uri, $"Give it another: Connect-VIServer '{uri.Redacted}' -Name <name>.");
            }
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

    /// <summary>
    /// One name, one host: refuses <paramref name="name"/> for <paramref name="uriText"/> when another connected host
    /// has it (-VMHost and -Destination could not tell them apart). <paramref name="remedy"/> says what to do instead.
    /// </summary>
    public void EnsureNameFree(string name, string uriText, string remedy)
    {
        var uri = ConnectionUri.Parse(uriText);
        lock (_gate)
        {
            if (Namesake(name, uri) is { } namesake)
            {
                throw DuplicateName(namesake, uri, remedy);
            }
        }
    }

    private VIServer? Namesake(string name, ConnectionUri uri) =>
        _servers.FirstOrDefault(s => s.IsConnected && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(s.ConnectionUri.Original, uri.Original, StringComparison.Ordinal));

    private static InvalidInputException DuplicateName(VIServer namesake, ConnectionUri uri, string remedy) =>
        new("DuplicateVMHostName",
            $"A host named '{namesake.Name}' is already connected ({namesake.Uri}), so '{uri.Redacted}' cannot take that name too: "
            + $"-VMHost and -Destination could not tell them apart. {remedy}", uri.Redacted);

    /// <summary>Longest host name a user may give (as a VM name).</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// A name given with -Name must be one that can be targeted afterwards: 1-200 characters, no control characters,
    /// no leading or trailing spaces, and no wildcard character (* ? [ ]), since -VMHost 'esx*' is a pattern.
    /// </summary>
    internal static void ValidateName(string? name)
    {
        if (name is null)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name != name.Trim()
            || name.Any(c => char.IsControl(c) || c is '*' or '?' or '[' or ']'))
        {
            string shown = MessageText.Input(name);
            throw new InvalidInputException("InvalidVMHostName",
                $"'{shown}' is not a valid host name: use 1-{MaxNameLength} characters without wildcard characters (* ? [ ]), control characters or leading/trailing spaces.", name);
        }
    }

    private static bool Matches(VIServer server, ConnectionUri uri, string? user, bool readOnly) =>
        string.Equals(server.ConnectionUri.Original, uri.Original, StringComparison.Ordinal)
        && string.Equals(server.User, user, StringComparison.Ordinal)
        && server.ReadOnly == readOnly;
}
