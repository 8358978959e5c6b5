BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'New-VILab'

    function script:New-LabPath { Join-Path ([System.IO.Path]::GetTempPath()) ('vitoolkit-pester-' + [guid]::NewGuid().ToString('N')) }
    function script:Remove-Lab([string] $Path) {
        [VIToolkit.Core.Engine.VISession]::Default.Connections.Servers |
            Where-Object { $_.Uri -like "test://$Path/*" } |
            Disconnect-VIServer -Confirm:$false -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $Path -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'New-VILab parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'CpuModel', 'ExtraDatastores', 'ExtraNetworks', 'HostCount', 'HostPrefix', 'NetworkRename', 'NotDefault', 'Path', 'PowerState', 'Seed', 'VMsPerHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'supports -WhatIf and -Confirm' {
        (Get-Command $CommandName).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command $CommandName).Parameters.Keys | Should -Contain 'Confirm'
    }

    It 'rejects a CPU model longer than 31 characters (libvirt''s limit) at binding' {
        { New-VILab -HostCount 1 -VMsPerHost 0 -Path (New-LabPath) -CpuModel ('x' * 32) -NotDefault -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Lab.NewVILabCommand'
    }

    It 'rejects <Parameter> = <Value>' -ForEach @(
        @{ Parameter = 'HostCount'; Value = 0 }
        @{ Parameter = 'HostCount'; Value = 257 }
        @{ Parameter = 'VMsPerHost'; Value = -1 }
        @{ Parameter = 'VMsPerHost'; Value = 5001 }
        @{ Parameter = 'HostPrefix'; Value = '1esx' }
        @{ Parameter = 'HostPrefix'; Value = 'esx/../x' }
        @{ Parameter = 'CpuModel'; Value = '' }
    ) {
        $path = New-LabPath
        $params = @{ Path = $path; NotDefault = $true; ErrorAction = 'Stop'; $Parameter = $Value }
        { New-VILab @params } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Lab.NewVILabCommand'
        Test-Path -LiteralPath $path | Should -BeFalse
    }
}

Describe 'New-VILab with 2 hosts and 3 VMs each' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:path = New-LabPath
        $script:servers = @(New-VILab -HostCount 2 -VMsPerHost 3 -Path $path)
    }
    AfterAll {
        Remove-Lab $script:path
        Reset-DefaultVIServer
    }

    It 'returns two connected, simulated servers named esx01 and esx02' {
        $servers.Count | Should -Be 2
        $servers.Name | Should -Be @('esx01', 'esx02')
        foreach ($server in $servers) {
            $server | Should -BeOfType ([VIToolkit.Core.Connections.VIServer])
            $server.Simulated | Should -BeTrue
            "$($server.ConnectionState)" | Should -Be 'Connected'
        }
    }

    It 'writes one test-driver host file per host' {
        $files = @(Get-ChildItem -LiteralPath $path -Filter '*.xml' | Sort-Object Name)
        $files.Name | Should -Be @('esx01.xml', 'esx02.xml')
        $servers[0].Uri | Should -Be ('test://' + $files[0].FullName)
        ([xml](Get-Content -Raw -LiteralPath $files[0].FullName)).node | Should -Not -BeNullOrEmpty
    }

    It 'builds 6 VMs with names unique across the lab, named by role' {
        $vms = @(Get-VM -Server $servers)
        $vms.Count | Should -Be 6
        @($vms.Name | Sort-Object -Unique).Count | Should -Be 6
        foreach ($vm in $vms) { $vm.Name | Should -Match '^(web|app|db|file|mail|dns|cache|build)\d+$' }
        @(Get-VM -Server $servers[0]).Count | Should -Be 3
    }

    It 'adds the servers to the default servers' {
        @($global:DefaultVIServers).Count | Should -Be 2
        $global:DefaultVIServer | Should -Be $servers[1]
    }

    It 'gives every host the three lab networks and the two datastores' {
        foreach ($server in $servers) {
            @(Get-VirtualNetwork -Server $server).Name | Sort-Object | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
            @(Get-Datastore -Server $server).Name | Should -Be @("local-$($server.Name)", 'san01')
        }
    }

    It 'says where it wrote the lab with -Verbose' {
        $again = New-LabPath
        try {
            $verbose = @(New-VILab -HostCount 1 -VMsPerHost 0 -Path $again -NotDefault -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            ($verbose.Message -join "`n") | Should -BeLike "*$again*"
        } finally {
            Remove-Lab $again
        }
    }
}

Describe 'New-VILab power states' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:path = New-LabPath
        $script:servers = @(New-VILab -HostCount 2 -VMsPerHost 10 -Path $path -NotDefault)
        $script:vms = @(Get-VM -Server $servers)
    }
    AfterAll { Remove-Lab $script:path }

    It 'mixes PoweredOn, PoweredOff and Suspended VMs' {
        $states = @($vms | ForEach-Object { "$($_.PowerState)" } | Sort-Object -Unique)
        $states | Should -Be @('PoweredOff', 'PoweredOn', 'Suspended')
    }

    It 'powers most VMs on' {
        $on = @($vms | Where-Object PowerState -eq 'PoweredOn').Count
        $on | Should -BeGreaterThan ($vms.Count / 2)
    }

    It 'does not touch the default servers with -NotDefault' {
        $global:DefaultVIServers | Should -BeNullOrEmpty
        $global:DefaultVIServer | Should -BeNullOrEmpty
    }
}

Describe 'New-VILab options' {
    BeforeAll { Reset-DefaultVIServer }
    AfterAll { Reset-DefaultVIServer }

    It 'writes no files and connects nothing with -WhatIf' {
        $path = New-LabPath
        $before = [VIToolkit.Core.Engine.VISession]::Default.Connections.Servers.Count
        $out = New-VILab -HostCount 2 -VMsPerHost 3 -Path $path -WhatIf
        $out | Should -BeNullOrEmpty
        Test-Path -LiteralPath $path | Should -BeFalse
        [VIToolkit.Core.Engine.VISession]::Default.Connections.Servers.Count | Should -Be $before
        $global:DefaultVIServers | Should -BeNullOrEmpty
    }

    It 'accepts a CPU model of exactly 31 characters and reports it as the processor type' {
        $path = New-LabPath
        $model = 'M' * 31
        try {
            $servers = @(New-VILab -HostCount 1 -VMsPerHost 0 -Path $path -CpuModel $model -NotDefault)
            (Get-VMHost -Server $servers[0]).ProcessorType | Should -Be $model
        } finally {
            Remove-Lab $path
        }
    }

    It 'names the hosts with -HostPrefix' {
        $path = New-LabPath
        try {
            $servers = @(New-VILab -HostCount 2 -VMsPerHost 1 -Path $path -HostPrefix 'kvm' -NotDefault)
            $servers.Name | Should -Be @('kvm01', 'kvm02')
            @(Get-Datastore -Server $servers[0]).Name | Should -Contain 'local-kvm01'
        } finally {
            Remove-Lab $path
        }
    }

    It 'builds hosts without VMs with -VMsPerHost 0' {
        $path = New-LabPath
        try {
            $servers = @(New-VILab -HostCount 1 -VMsPerHost 0 -Path $path -NotDefault)
            $out = Get-VM -Server $servers -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
        } finally {
            Remove-Lab $path
        }
    }

    It 'builds the same estate from the same -Seed, and another from another seed' {
        $a = New-LabPath; $b = New-LabPath; $c = New-LabPath
        try {
            # Three labs at once need three host prefixes: one name, one host.
            $first = @(New-VILab -HostCount 2 -VMsPerHost 4 -Path $a -Seed 7 -NotDefault -HostPrefix seeda)
            $same = @(New-VILab -HostCount 2 -VMsPerHost 4 -Path $b -Seed 7 -NotDefault -HostPrefix seedb)
            $other = @(New-VILab -HostCount 2 -VMsPerHost 4 -Path $c -Seed 8 -NotDefault -HostPrefix seedc)
            $firstVMs = @(Get-VM -Server $first)
            $sameVMs = @(Get-VM -Server $same)
            $sameVMs.Id | Should -Be $firstVMs.Id
            $sameVMs.MemoryMB | Should -Be $firstVMs.MemoryMB
            @(Get-VM -Server $other).Id | Should -Not -Be $firstVMs.Id
        } finally {
            Remove-Lab $a; Remove-Lab $b; Remove-Lab $c
        }
    }

    It 'replaces the connections of an earlier lab built at the same path' {
        $path = New-LabPath
        try {
            $old = @(New-VILab -HostCount 1 -VMsPerHost 2 -Path $path)
            $new = @(New-VILab -HostCount 1 -VMsPerHost 5 -Path $path)
            $old[0].IsConnected | Should -BeFalse
            $new[0].IsConnected | Should -BeTrue
            [object]::ReferenceEquals($old[0], $new[0]) | Should -BeFalse
            @(Get-VM -Server $new).Count | Should -Be 5
            @($global:DefaultVIServers) | Should -Be @($new[0])
        } finally {
            Remove-Lab $path
            Reset-DefaultVIServer
        }
    }

    It 'builds 4 hosts of 25 VMs by default' {
        $path = New-LabPath
        try {
            $servers = @(New-VILab -Path $path -NotDefault)
            $servers.Count | Should -Be 4
            @(Get-VM -Server $servers).Count | Should -Be 100
        } finally {
            Remove-Lab $path
        }
    }

    It 'fails with LabPathNotWritable (WriteError) when the folder cannot be created' {
        $file = [System.IO.Path]::GetTempFileName()
        try {
            $record = { New-VILab -HostCount 1 -VMsPerHost 0 -Path (Join-Path $file 'lab') -NotDefault -ErrorAction Stop } |
                Should -Throw -ErrorId 'LabPathNotWritable,VIToolkit.Commands.Lab.NewVILabCommand' -PassThru
            $record.CategoryInfo.Category | Should -Be 'WriteError'
            $record.TargetObject | Should -Be (Join-Path $file 'lab')
        } finally {
            Remove-Item -LiteralPath $file -Force
        }
    }
}

Describe 'New-VILab refuses what it cannot build (issue 10, items 9 and 10)' {
    It 'refuses <Case> with <ErrorId>, writing nothing' -ForEach @(
        @{ Case = 'a NUL in -Path'; Params = @{ Path = "lab`0x" }; ErrorId = 'InvalidLabPath' }
        @{ Case = 'a -Path on another provider'; Params = @{ Path = 'Env:\lab' }; ErrorId = 'InvalidLabPath' }
        @{ Case = 'a NUL in -CpuModel'; Params = @{ CpuModel = "Xeon`0Gold" }; ErrorId = 'InvalidCpuModel' }
        @{ Case = 'a -NetworkRename value that is not a table'; Params = @{ NetworkRename = @{ esx01 = 'Private' } }; ErrorId = 'InvalidNetworkRename' }
        @{ Case = 'a -NetworkRename of an unknown host'; Params = @{ NetworkRename = @{ esx09 = @{ 'Priv172.17' = 'P' } } }; ErrorId = 'InvalidNetworkRename' }
        @{ Case = 'a -NetworkRename of an unknown network'; Params = @{ NetworkRename = @{ esx01 = @{ 'NoSuchNet' = 'P' } } }; ErrorId = 'InvalidNetworkRename' }
        @{ Case = 'a -NetworkRename to a 10,000-character name'; Params = @{ NetworkRename = @{ esx01 = @{ 'Priv172.17' = ('n' * 10000) } } }; ErrorId = 'InvalidNetworkName' }
        @{ Case = 'a -NetworkRename to a name with a NUL'; Params = @{ NetworkRename = @{ esx01 = @{ 'Priv172.17' = "a`0b" } } }; ErrorId = 'InvalidNetworkName' }
    ) {
        $path = New-LabPath
        $splat = @{ HostCount = 2; VMsPerHost = 1; Path = $path; NotDefault = $true; ErrorAction = 'Stop' }
        foreach ($key in @($Params.Keys)) { $splat[$key] = $Params[$key] }
        $record = { New-VILab @splat } | Should -Throw -ErrorId "$ErrorId,VIToolkit.Commands.Lab.NewVILabCommand" -PassThru
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message.Length | Should -BeLessThan 400
        $record.Exception.Message | Should -Not -Match "`0"
        Test-Path -LiteralPath $path | Should -BeFalse
    }

    It 'refuses bad input before -WhatIf says what it would do' {
        $path = New-LabPath
        { New-VILab -HostCount 1 -Path $path -NetworkRename @{ esx07 = @{ 'Priv172.17' = 'P' } } -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidNetworkRename,VIToolkit.Commands.Lab.NewVILabCommand'
    }

    It 'replaces the connected hosts of an earlier lab with the same names, and says so (issue 10, item 12)' {
        $a = New-LabPath; $b = New-LabPath
        try {
            $old = @(New-VILab -HostCount 2 -VMsPerHost 0 -Path $a -HostPrefix dupe)
            $new = @(New-VILab -HostCount 2 -VMsPerHost 0 -Path $b -HostPrefix dupe -WarningVariable warnings -WarningAction SilentlyContinue)
            $old.IsConnected | Should -Be @($false, $false)
            $new.IsConnected | Should -Be @($true, $true)
            $warnings.Count | Should -Be 2
            "$($warnings[0])" | Should -BeLike "*dupe01*$a*"
            @(Get-VMHost dupe01).Count | Should -Be 1
            @($global:DefaultVIServers | Where-Object Name -like 'dupe*').Uri | Should -Be $new.Uri
        } finally {
            Remove-Lab $a; Remove-Lab $b
            Reset-DefaultVIServer
        }
    }

    It 'still takes a good -NetworkRename' {
        $path = New-LabPath
        try {
            $servers = @(New-VILab -HostCount 2 -VMsPerHost 0 -Path $path -NotDefault -NetworkRename @{ esx02 = @{ 'Priv172.17' = 'Private_172.17' } })
            @(Get-VirtualNetwork -Server $servers[1]).Name | Should -Contain 'Private_172.17'
            @(Get-VirtualNetwork -Server $servers[0]).Name | Should -Contain 'Priv172.17'
        } finally {
            Remove-Lab $path
        }
    }
}
