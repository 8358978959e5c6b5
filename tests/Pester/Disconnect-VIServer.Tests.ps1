BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Disconnect-VIServer'
}

Describe 'Disconnect-VIServer parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Force', 'PassThru', 'Server' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'supports -WhatIf and -Confirm, with a high confirm impact' {
        $command = Get-Command $CommandName
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Disconnect-VIServer' {
    BeforeEach {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 2
    }
    AfterEach {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It "disconnects every server with '*' and empties the default servers" {
        @($global:DefaultVIServers).Count | Should -Be 2
        Disconnect-VIServer -Server '*' -Confirm:$false
        foreach ($server in $lab.Servers) {
            "$($server.ConnectionState)" | Should -Be 'Disconnected'
            $server.IsConnected | Should -BeFalse
        }
        @($global:DefaultVIServers | Where-Object { $_ }).Count | Should -Be 0
        $global:DefaultVIServer | Should -BeNullOrEmpty
        @([VIToolkit.Core.Engine.VISession]::Default.Connections.Servers | Where-Object { $_ -in $lab.Servers }).Count | Should -Be 0
    }

    It 'disconnects nothing with -WhatIf' {
        Disconnect-VIServer -Server '*' -WhatIf
        foreach ($server in $lab.Servers) {
            "$($server.ConnectionState)" | Should -Be 'Connected'
        }
        @($global:DefaultVIServers).Count | Should -Be 2
        @(Get-VM).Count | Should -Be 4
    }

    It 'disconnects nothing with -WhatIf even with -Force' {
        Disconnect-VIServer -Server $lab.Servers -Force -WhatIf
        $lab.Servers.IsConnected | Should -Be @($true, $true)
    }

    It 'disconnects the default servers when no server is given' {
        $other = New-TestLab -HostCount 1 -VMsPerHost 1 -NotDefault
        try {
            Disconnect-VIServer -Confirm:$false
            $lab.Servers.IsConnected | Should -Be @($false, $false)
            $other.Servers[0].IsConnected | Should -BeTrue
        } finally {
            Remove-TestLab $other
        }
    }

    It 'disconnects only the server given, and removes it from the default servers' {
        Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false
        $lab.Servers[0].IsConnected | Should -BeFalse
        $lab.Servers[1].IsConnected | Should -BeTrue
        @($global:DefaultVIServers) | Should -Be @($lab.Servers[1])
        $global:DefaultVIServer | Should -Be $lab.Servers[1]
    }

    It 'disconnects servers piped in' {
        $lab.Servers | Disconnect-VIServer -Confirm:$false
        $lab.Servers.IsConnected | Should -Be @($false, $false)
    }

    It 'disconnects a server given by name' {
        Disconnect-VIServer -Server $lab.Servers[1].Name -Confirm:$false
        $lab.Servers[1].IsConnected | Should -BeFalse
        $lab.Servers[0].IsConnected | Should -BeTrue
    }

    It 'disconnects a server given by URI' {
        Disconnect-VIServer -Server $lab.Servers[0].Uri -Confirm:$false
        $lab.Servers[0].IsConnected | Should -BeFalse
        $lab.Servers[1].IsConnected | Should -BeTrue
    }

    It 'disconnects without asking with -Force' {
        Disconnect-VIServer -Server $lab.Servers[0] -Force
        $lab.Servers[0].IsConnected | Should -BeFalse
    }

    It 'writes VIServerNotFound (ObjectNotFound) for an unknown exact name and disconnects nothing' {
        $out = Disconnect-VIServer -Server 'nosuchserver' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'VIServerNotFound,VIToolkit.Commands.Connections.DisconnectVIServerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'nosuchserver'
        $lab.Servers.IsConnected | Should -Be @($true, $true)
    }

    It 'writes no error for a wildcard that matches no server' {
        Disconnect-VIServer -Server 'nosuch*' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
        $lab.Servers.IsConnected | Should -Be @($true, $true)
    }

    It 'returns the disconnected server with -PassThru' {
        $out = @(Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false -PassThru)
        $out.Count | Should -Be 1
        [object]::ReferenceEquals($out[0], $lab.Servers[0]) | Should -BeTrue
        "$($out[0].ConnectionState)" | Should -Be 'Disconnected'
    }

    It 'returns nothing without -PassThru' {
        Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false | Should -BeNullOrEmpty
    }

    It 'is harmless on a server that is already disconnected' {
        Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false
        Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
        "$($lab.Servers[0].ConnectionState)" | Should -Be 'Disconnected'
    }

    It 'makes Get-VM on a disconnected server write HostUnreachable' {
        Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false
        $out = Get-VM -Server $lab.Servers[0] -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'HostUnreachable,VIToolkit.Commands.Inventory.GetVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errs[0].Exception.Message | Should -BeLike '*disconnected*'
    }

    It 'lets Connect-VIServer open a fresh connection after a disconnect' {
        $uri = $lab.Servers[0].Uri
        Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false
        $again = Connect-VIServer $uri -NotDefault
        try {
            $again.IsConnected | Should -BeTrue
            [object]::ReferenceEquals($again, $lab.Servers[0]) | Should -BeFalse
            @(Get-VM -Server $again).Count | Should -Be 2
        } finally {
            Disconnect-VIServer $again -Confirm:$false
        }
    }
}
