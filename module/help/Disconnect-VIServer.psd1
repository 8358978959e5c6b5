@{
    Synopsis    = 'Closes connections to libvirt hosts.'
    Description = @'
Closes the connection to each server given and removes it from $global:DefaultVIServers; $global:DefaultVIServer
becomes the last remaining default server (or $null). Without -Server, every default server is disconnected. This
is PowerCLI's Disconnect-VIServer.

-Server takes VIServer objects, or the names or URIs of connected servers. Wildcards match names and URIs
case-insensitively and may match servers that were connected with -NotDefault (Disconnect-VIServer * -Force closes
every connection of the process). A name or URI without wildcards must match exactly (case-sensitive); one that
matches no connected server gives a VIServerNotFound error.

Connections are shared by every runspace of the PowerShell process, so a disconnected server is gone for all of them.
Objects read earlier (VMs, hosts, datastores) keep their values, but any command that needs the host fails with
HostUnreachable until you connect again with Connect-VIServer.

The command asks for confirmation (ConfirmImpact High) unless -Force or -Confirm:$false is given. -WhatIf lists the
servers that would be disconnected.
'@
    Parameters  = @{
        Server   = @'
The servers to disconnect: VIServer objects (from the pipeline too), or names or URIs of connected servers, with
wildcards. Default: the servers in $global:DefaultVIServers.
'@
        Force    = 'Disconnects without asking for confirmation. An explicit -Confirm still prompts, and -WhatIf still only reports.'
        PassThru = 'Writes each disconnected VIServer to the pipeline (its ConnectionState is then Disconnected).'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Connections.VIServer'; Description = 'Servers to disconnect.' }
        @{ Type = 'System.String'; Description = 'Names or URIs of servers to disconnect; wildcards are allowed.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, nothing.' }
        @{ Type = 'VIToolkit.Core.Connections.VIServer'; Description = 'With -PassThru, each server that was disconnected.' }
    )
    Examples    = @(
        @{ Title = 'All default servers, without prompting'; Code = 'Disconnect-VIServer -Force'; Remarks = 'Closes every connection in $DefaultVIServers. Same as PowerCLI''s Disconnect-VIServer -Server * -Confirm:$false for default servers.' }
        @{ Title = 'One host by name'; Code = 'Disconnect-VIServer kvm02 -Confirm:$false'; Remarks = 'Closes the connection named kvm02 (the name shown by Connect-VIServer and Get-VMHost).' }
        @{ Title = 'Hosts that stopped answering'; Code = '$global:DefaultVIServers | Where-Object ConnectionState -eq NotResponding | Disconnect-VIServer -Force -PassThru'; Remarks = 'Disconnects the default servers whose keepalive timed out and shows them.' }
        @{ Title = 'Every lab host'; Code = "Disconnect-VIServer 'test://*' -WhatIf"; Remarks = 'Shows which connections to simulated test-driver hosts would be closed, including those connected with -NotDefault. Drop -WhatIf (and add -Force) to close them.' }
    )
    Links       = @('Connect-VIServer', 'New-VILab')
}
