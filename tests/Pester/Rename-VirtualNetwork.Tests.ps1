BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Rename-VirtualNetwork'
    $script:ErrorSuffix = ',VIToolkit.Commands.Inventory.RenameVirtualNetworkCommand'
    Enter-PrivateInventory   # private inventory files (TestHelpers); restored in AfterAll
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'Rename-VirtualNetwork parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'NewName', 'UpdateVMs', 'VirtualNetwork' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VirtualNetwork by position 0, from the pipeline by value' {
        $parameter = (Get-Command $CommandName).Parameters['VirtualNetwork']
        $parameter.ParameterType | Should -Be ([VIToolkit.Core.Model.VirtualNetwork])
        $meta = $parameter.ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
    }

    It 'takes a mandatory -NewName by position 1, not from the pipeline' {
        $meta = (Get-Command $CommandName).Parameters['NewName'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 1
        $meta.ValueFromPipeline | Should -BeFalse
    }

    It 'supports ShouldProcess with ConfirmImpact High' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Rename-VirtualNetwork confirmation' {
    It 'asks for confirmation by default (it fails in a non-interactive session) and renames with -Confirm:$false' {
        $result = Invoke-LabChildPwsh -Command @'
try { $null = Get-VirtualNetwork -Name vMotion | Rename-VirtualNetwork -NewName vMotion2 -ErrorAction Stop; 'asked=no' } catch { "asked=$($_.Exception.Message -like '*NonInteractive*')" }
"before=$((Get-VirtualNetwork).Name -join ',')"
$null = Get-VirtualNetwork -Name vMotion | Rename-VirtualNetwork -NewName vMotion2 -Confirm:$false
"after=$((Get-VirtualNetwork).Name -join ',')"
'@
        $result.StdOut | Should -Contain 'asked=True'
        $result.StdOut | Should -Contain 'before=Priv172.17,VM Network,vMotion'
        $result.StdOut | Should -Contain 'after=Priv172.17,VM Network,vMotion2'
    }
}

Describe 'Rename-VirtualNetwork on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 2
        function script:Get-NetworkName([string] $VMHost) { @(Get-VirtualNetwork -VMHost $VMHost).Name }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'renames a network of one host, keeping its Id, bridge, subnet and state, and outputs it' {
        $old = Get-VirtualNetwork -VMHost esx01 -Name 'vMotion'
        $out = @(Rename-VirtualNetwork -VirtualNetwork $old -NewName 'Migration' -Confirm:$false -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        $out[0] | Should -BeOfType ([VIToolkit.Core.Model.VirtualNetwork])
        $out[0].Name | Should -BeExactly 'Migration'
        $out[0].Id | Should -Be $old.Id
        $out[0].Bridge | Should -Be $old.Bridge
        $out[0].Subnet | Should -Be '10.10.10.0/24'
        $out[0].ForwardMode | Should -Be $old.ForwardMode
        $out[0].IsActive | Should -Be $old.IsActive
        $out[0].VMHostName | Should -Be 'esx01'
        # Get-VirtualNetwork sees the new name, not the old one.
        Get-NetworkName esx01 | Should -Be @('Migration', 'Priv172.17', 'VM Network')
        @(Get-VirtualNetwork -VMHost esx01 -Name 'Migration').Id | Should -Be @($old.Id)
        Get-VirtualNetwork -VMHost esx01 -Name 'vMotion' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        # The other host's network of that name is not touched.
        Get-NetworkName esx02 | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
    }

    It 'renames the networks piped from Get-VirtualNetwork' {
        $out = @(Get-VirtualNetwork -VMHost esx02 -Name 'vMotion' | Rename-VirtualNetwork -NewName 'Migration' -Confirm:$false)
        $out.Name | Should -Be @('Migration')
        $out.VMHostName | Should -Be @('esx02')
        Get-NetworkName esx02 | Should -Be @('Migration', 'Priv172.17', 'VM Network')
    }

    It 'renames the same network on every host it is piped from' {
        $out = @(Get-VirtualNetwork -Name 'Migration' | Rename-VirtualNetwork -NewName 'vMotion' -Confirm:$false)
        $out.VMHostName | Should -Be @('esx01', 'esx02')
        @(Get-VirtualNetwork -Name 'vMotion').Count | Should -Be 2
        Get-VirtualNetwork -Name 'Migration' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'renames back and forth, and keeps names exactly (case, spaces, dots)' {
        $null = Get-VirtualNetwork -VMHost esx01 -Name 'vMotion' | Rename-VirtualNetwork -NewName 'VMOTION net.1' -Confirm:$false
        Get-NetworkName esx01 | Should -Contain 'VMOTION net.1'
        $null = Get-VirtualNetwork -VMHost esx01 -Name 'VMOTION net.1' | Rename-VirtualNetwork -NewName 'vMotion' -Confirm:$false
        Get-NetworkName esx01 | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
    }

    It 'changes nothing with -WhatIf' {
        Get-VirtualNetwork -VMHost esx01 -Name 'vMotion' | Rename-VirtualNetwork -NewName 'WhatIf' -WhatIf | Should -BeNullOrEmpty
        Get-NetworkName esx01 | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
    }

    It 'writes VirtualNetworkAlreadyExists (ResourceExists, target = the network) for a name the host already has, changing nothing' {
        $network = Get-VirtualNetwork -VMHost esx01 -Name 'vMotion'
        $out = Rename-VirtualNetwork $network 'VM Network' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "VirtualNetworkAlreadyExists$ErrorSuffix"
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errs[0].TargetObject | Should -BeOfType ([VIToolkit.Core.Model.VirtualNetwork])
        $errs[0].TargetObject.Name | Should -Be 'vMotion'
        "$($errs[0])" | Should -BeLike "*'esx01'*'VM Network'*"
        Get-NetworkName esx01 | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
        (Get-VirtualNetwork -VMHost esx01 -Name 'VM Network').Subnet | Should -Be '192.168.122.0/24'
    }

    It 'throws VirtualNetworkAlreadyExists with -ErrorAction Stop' {
        { Get-VirtualNetwork -VMHost esx01 -Name 'vMotion' | Rename-VirtualNetwork -NewName 'Priv172.17' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "VirtualNetworkAlreadyExists$ErrorSuffix"
        Get-NetworkName esx01 | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
    }

    It 'writes VirtualNetworkNotFound (ObjectNotFound) for a network object renamed since it was read' {
        $stale = Get-VirtualNetwork -VMHost esx02 -Name 'vMotion'
        $null = Rename-VirtualNetwork $stale 'vMotionB' -Confirm:$false
        $out = Rename-VirtualNetwork $stale 'vMotionC' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "VirtualNetworkNotFound$ErrorSuffix"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-NetworkName esx02 | Should -Be @('Priv172.17', 'VM Network', 'vMotionB')
        $null = Get-VirtualNetwork -VMHost esx02 -Name 'vMotionB' | Rename-VirtualNetwork -NewName 'vMotion' -Confirm:$false
    }

    It 'refuses <Label> (InvalidArgument), changing nothing' -ForEach @(
        @{ Label = 'a name with a slash'; NewName = 'a/b' }
        @{ Label = 'a name with a leading space'; NewName = ' lead' }
        @{ Label = 'a name with a newline'; NewName = "new`nline" }
    ) {
        $out = Get-VirtualNetwork -VMHost esx01 -Name 'vMotion' | Rename-VirtualNetwork -NewName $NewName -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidNetworkName,*'
        Get-NetworkName esx01 | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
    }

    It 'rejects an empty new name, a missing network and a network name instead of a network object at binding' {
        { Get-VirtualNetwork -VMHost esx01 -Name 'vMotion' | Rename-VirtualNetwork -NewName '' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
        { Rename-VirtualNetwork -VirtualNetwork $null -NewName 'x' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
        { Rename-VirtualNetwork -VirtualNetwork 'vMotion' -NewName 'x' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "CannotConvertArgumentNoMessage$ErrorSuffix"
        Get-NetworkName esx01 | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
    }
}

Describe 'Rename-VirtualNetwork and the VMs that use the network' {
    BeforeAll {
        Reset-DefaultVIServer
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
        $servers = New-VILab -HostCount 1 -VMsPerHost 3 -Path $path
        $script:lab = [pscustomobject]@{ Path = $path; Servers = @($servers) }
        $script:inventory = Use-PrivateInventory 'rename-network-vms'
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'warns, naming the VMs that still use the old name, without -UpdateVMs' {
        $null = Get-VirtualNetwork -VMHost esx01 -Name 'Priv172.17' | Rename-VirtualNetwork -NewName 'Priv172.99' -Confirm:$false -WarningVariable warned
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -Match "still name network 'Priv172.17'"
        "$($warned[0])" | Should -Match ([regex]::Escape((Get-VM -Server $lab.Servers[0] | Select-Object -First 1).Name))
    }
}

Describe 'Rename-VirtualNetwork fixing the seed''s near-miss network name' {
    BeforeAll {
        Reset-DefaultVIServer
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
        $servers = New-VILab -HostCount 3 -VMsPerHost 4 -Path $path -NetworkRename @{ esx03 = @{ 'Priv172.17' = 'Private_172.17' } }
        $script:lab = [pscustomobject]@{ Path = $path; Servers = @($servers) }
        $script:inventory = Use-PrivateInventory 'rename-network-seed'
        $null = New-Cluster -Name 'Prod' -VMHost esx01, esx02
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'makes the refused host compatible: Move-VMHost then adds it' {
        $null = Move-VMHost esx03 -Destination 'Prod' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'HostIncompatible,VIToolkit.Commands.Clusters.MoveVMHostCommand'

        $users = @(Get-VMHost esx03 | Get-VM | Where-Object { (Test-VMMigration -VM $_ -Destination esx01).Issues.Code -contains 'NetworkNameNearMiss' })
        $users.Count | Should -BeGreaterThan 1
        # One of them powered off, one running: both kinds of re-pointing are exercised.
        $null = Stop-VM $users[0] -Confirm:$false -WarningAction SilentlyContinue
        $null = Start-VM $users[1] -WarningAction SilentlyContinue
        $users = @($users | ForEach-Object { Get-VM -Id $_.Id -Server $_.Server })
        $renamed = Get-VirtualNetwork -VMHost esx03 -Name 'Private_172.17' | Rename-VirtualNetwork -NewName 'Priv172.17' -UpdateVMs -Confirm:$false -WarningVariable warned
        $renamed.Subnet | Should -Be '172.17.0.0/16'
        # Powered-off VMs were re-pointed; running ones keep the old name live (the test driver cannot change a NIC live) and are named.
        $running = @($users | Where-Object PowerState -ne 'PoweredOff')
        $stopped = @($users | Where-Object PowerState -eq 'PoweredOff')
        foreach ($vm in $stopped) {
            (Test-VMMigration -VM $vm.Name -Destination esx01 -Server $vm.Server).Issues.Code | Should -Not -Contain 'NetworkNameNearMiss'
        }
        $stopped.Count | Should -BeGreaterThan 0
        $running.Count | Should -BeGreaterThan 0
        $warned.Count | Should -Be 1
        foreach ($vm in $running) { "$($warned[0])" | Should -Match ([regex]::Escape($vm.Name)) }
        foreach ($vm in $stopped) { "$($warned[0])" | Should -Not -Match "\b$([regex]::Escape($vm.Name))\b" }

        $network = @(Test-ClusterCompatibility -VMHost esx01, esx02, esx03 -Include Network)
        @($network | Where-Object Result -eq 'Failed').Count | Should -Be 0
        $out = Move-VMHost esx03 -Destination 'Prod' -ErrorVariable errs
        $errs.Count | Should -Be 0
        $out.VMHostNames | Should -Be @('esx01', 'esx02', 'esx03')
    }
}
