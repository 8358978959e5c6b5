@{
    Synopsis    = 'Connects to one or more libvirt hosts and makes them the default servers of the session.'
    Description = @'
Opens a libvirt connection to each URI given and returns one VIServer object per connection, in the order the URIs
were given. This is PowerCLI's Connect-VIServer, with one difference to keep in mind: a VIServer is one libvirt
host, not a vCenter. To manage ten KVM hosts, connect to ten URIs (one call: Connect-VIServer takes an array and
connects up to eight hosts at a time in parallel, so slow SSH or TLS handshakes overlap).

-Server takes libvirt connection URIs of the form driver[+transport]://[user@][host[:port]]/path[?query]. There
are no -Port or -Protocol parameters: put the port and transport in the URI. Common forms:

qemu:///system - the local QEMU/KVM hypervisor (system instance).

qemu+ssh://user@kvm01/system - a remote KVM host over SSH (the usual way to reach a remote host).

qemu+tls://kvm01/system and qemu+tcp://kvm01/system - a remote libvirtd listening on TLS (16514) or TCP (16509); a
port can be given as qemu+tcp://kvm01:16600/system.

qemu+unix:///system?socket=/path/to/libvirt-sock - a local daemon on a non-default socket.

test:///default - libvirt's built-in simulated host (named test-default), handy for trying commands.

test:///path/host.xml - a simulated host described by a test-driver host file, such as those written by New-VILab
(the host is named after the file, e.g. esx01).

A bare host name such as kvm01 is not a URI: it gives an InvalidUri error that suggests qemu+ssh://kvm01/system.

Connecting again to the same URI as the same user (and with the same -ReadOnly choice) returns the connection that
is already open instead of opening a second one (-Verbose says so); a connection that has dropped is replaced by a
fresh one. Connections belong to the PowerShell process and are shared by all its runspaces.

Unless -NotDefault is given, each returned server is added to $global:DefaultVIServers and becomes
$global:DefaultVIServer (the last one connected). Commands such as Get-VM, Get-VMHost, Get-Datastore and
Get-VirtualNetwork work on $DefaultVIServers when -Server is not given.

Each URI that cannot be connected gives one non-terminating error and the other URIs are still connected. Error ids:
InvalidUri (not a libvirt URI, or libvirt rejects it), HostUnreachable (no answer, name does not resolve, daemon not
running), AuthenticationFailed (credentials missing or rejected), ConnectionFailed (any other libvirt failure), and
NameWithManyServers (terminating: -Name with more than one URI).

Passwords never appear in output: a password written into a URI (user:password@host) is passed to libvirt but is
stripped from the Uri property, verbose messages and error messages. Prefer -Credential.

Remote connections are watched with libvirt keepalive probes (every 5 seconds; a host that misses 3 is marked
NotResponding, about 15 seconds). The ConnectionState of a VIServer is live; DisconnectReason says why it dropped.
Reconnect with Connect-VIServer once the host is back.
'@
    Parameters  = @{
        Cluster = 'Connect every member host of these clusters (objects from Get-Cluster, or cluster names) by the URIs the inventory keeps for them. The inventory holds no credentials: give -Credential where the hosts ask for one.'
        Server      = @'
libvirt connection URIs of the hosts, e.g. qemu:///system, qemu+ssh://root@kvm01/system, test:///default. Several
URIs are connected in parallel. Aliases: Uri, ComputerName. Accepts strings from the pipeline, and objects with a
Server, Uri or ComputerName property (for instance rows of Import-Csv with a Uri column, or
VIServer objects, which bind their Uri).
'@
        Credential  = @'
User name and password offered to libvirt only if the host asks for them during the connection (for example SASL
authentication on qemu+tcp or qemu+tls, or password authentication on qemu+libssh2). The user name also replaces
any user in the URI. The credential is not saved anywhere; only the user name is kept, in the User property.

Without -Credential there is no interactive prompt: a host that asks for a password fails with AuthenticationFailed.
qemu+ssh runs the ssh client, which authenticates on its own: use SSH keys or an ssh-agent for it.
'@
        Name        = @'
The name the host is known by in VIToolkit (VIServer.Name, VMHost.Name, and the names -Server and -VMHost accept).
Default: the file name for a test-driver host file (test:///lab/esx01.xml is esx01), test-default for
test:///default, otherwise the host part of the URI (kvm01 for qemu+ssh://root@kvm01/system), or for local URIs such
as qemu:///system the host name the daemon reports. Only one URI may be given with -Name. Ignored when an open
connection is reused.
'@
        ReadOnly    = @'
Opens a read-only libvirt connection (VIR_CONNECT_RO): inventory can be read but libvirt refuses every change. Often
allowed to users that may not open a read-write connection. A read-only and a read-write connection to the same URI
are separate connections.
'@
        NotDefault  = @'
Does not add the connection to $global:DefaultVIServers nor make it $global:DefaultVIServer. Use the returned object
with -Server to work with it.
'@
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'URIs of the hosts to connect to.' }
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'Objects with a Server, Uri or ComputerName property, e.g. rows of a CSV file with a Uri column.' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Connections.VIServer'; Description = 'One live connection per URI: Name, Uri (without password), ConnectionState, HypervisorType (QEMU, TEST…), Version, User, ReadOnly, Simulated, Id, ConnectedAt, DisconnectReason.' })
    Examples    = @(
        @{ Title = 'The local hypervisor'; Code = 'Connect-VIServer qemu:///system'; Remarks = 'Connects to the local QEMU/KVM system instance and makes it the default server.' }
        @{ Title = 'Several remote hosts over SSH'; Code = "Connect-VIServer -Server 'qemu+ssh://root@kvm01/system', 'qemu+ssh://root@kvm02/system', 'qemu+ssh://root@kvm03/system'"; Remarks = 'Connects the three hosts in parallel (SSH key authentication). They are named kvm01, kvm02 and kvm03; a host that cannot be reached gives one HostUnreachable error and the others are still connected.' }
        @{ Title = 'TCP with SASL credentials'; Code = @'
$cred = Get-Credential admin
Connect-VIServer qemu+tcp://kvm04.example.com/system -Credential $cred -Name kvm04
'@; Remarks = 'Answers the SASL user name and password prompt of libvirtd with the credential, and names the host kvm04 instead of kvm04.example.com. The password is not stored.' }
        @{ Title = 'Hosts from a CSV file'; Code = "Import-Csv .\hosts.csv | Connect-VIServer -ReadOnly"; Remarks = 'Connects, read-only, every host listed in the Uri column of hosts.csv.' }
        @{ Title = 'A side connection that is not a default server'; Code = @'
$test = Connect-VIServer test:///default -NotDefault
Get-VM -Server $test
'@; Remarks = 'Connects libvirt''s built-in simulated host without adding it to $DefaultVIServers, and lists its VMs explicitly.' }
        @{ Title = 'Which servers are the defaults'; Code = '$global:DefaultVIServers | Format-Table Name, ConnectionState, Uri'; Remarks = 'Lists the servers that commands use when -Server is not given.' }
    )
    Links       = @('Disconnect-VIServer', 'Get-VMHost', 'New-VILab', 'Get-VM')
    Notes       = @'
PowerCLI equivalences: -Server takes URIs instead of vCenter or ESXi names; -User/-Password are replaced by
-Credential (or a user in the URI); -Port and -Protocol are part of the URI; there is no -SaveCredentials and no
credential store. $global:DefaultVIServers and $global:DefaultVIServer behave as in PowerCLI (there is no
multiple/single default server mode: all default servers are used).
'@
}
