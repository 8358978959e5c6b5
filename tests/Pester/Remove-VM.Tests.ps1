BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Remove-VM'
}

Describe 'Remove-VM parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'DeletePermanently', 'PassThru', 'Server', 'ThrottleLimit', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VM by position 0, from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VM'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'has -DeletePermanently and -PassThru as switches' {
        (Get-Command $CommandName).Parameters['DeletePermanently'].ParameterType | Should -Be ([switch])
        (Get-Command $CommandName).Parameters['PassThru'].ParameterType | Should -Be ([switch])
    }

    It 'supports ShouldProcess with ConfirmImpact High' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Remove-VM confirmation' {
    It 'asks for confirmation by default (it fails in a non-interactive session) and removes with -Confirm:$false' {
        $result = Invoke-LabChildPwsh -PowerState PoweredOff -Command @'
$name = $vms[0].Name
try { Remove-VM $name -ErrorAction Stop; 'asked=no' } catch { "asked=$($_.Exception.Message -like '*NonInteractive*')" }
"before=$(@(Get-VM $name -ErrorAction SilentlyContinue).Count)"
Remove-VM $name -Confirm:$false
"after=$(@(Get-VM $name -ErrorAction SilentlyContinue).Count)"
'@
        $result.StdOut | Should -Contain 'asked=True'
        $result.StdOut | Should -Contain 'before=1'
        $result.StdOut | Should -Contain 'after=0'
    }
}

Describe 'Remove-VM on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 8 -PowerState PoweredOff
        $script:names = @(Get-VM).Name
        function script:Test-VMExists([string] $Name) { @(Get-VM -Name $Name -ErrorAction SilentlyContinue).Count -gt 0 }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'removes a powered-off VM given as an object, and outputs nothing' {
        $vm = Get-VM $names[0]
        $out = Remove-VM -VM $vm -Confirm:$false -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
        Test-VMExists $names[0] | Should -BeFalse
        { Get-VM -Id $vm.Id -ErrorAction Stop } | Should -Throw -ErrorId 'VMNotFound,VIToolkit.Commands.Inventory.GetVMCommand'
    }

    It 'outputs the removed VM with -PassThru' {
        $vm = Get-VM $names[1]
        $out = @(Remove-VM $names[1] -PassThru -Confirm:$false)
        $out.Count | Should -Be 1
        $out[0] | Should -BeOfType ([VIToolkit.Core.Model.VirtualMachine])
        $out[0].Id | Should -Be $vm.Id
        $out[0].Name | Should -Be $names[1]
        Test-VMExists $names[1] | Should -BeFalse
    }

    It 'changes nothing with -WhatIf' {
        Remove-VM $names[2] -WhatIf | Should -BeNullOrEmpty
        Remove-VM $names[2] -DeletePermanently -WhatIf | Should -BeNullOrEmpty
        Test-VMExists $names[2] | Should -BeTrue
    }

    It 'refuses a running VM with InvalidVMState (InvalidOperation, target = the VM) and keeps it' {
        $null = Start-VM $names[3]
        $out = Remove-VM $names[3] -PassThru -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidVMState,VIToolkit.Commands.VMs.RemoveVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Name | Should -Be $names[3]
        "$((Get-VM $names[3]).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'refuses a paused VM too' {
        $null = Start-VM $names[4]
        $null = Suspend-VM $names[4]
        { Remove-VM $names[4] -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidVMState,VIToolkit.Commands.VMs.RemoveVMCommand'
        Test-VMExists $names[4] | Should -BeTrue
    }

    It 'removes the VMs piped in, restricted with -Server, and gives one error per running VM' {
        $onSecond = @(Get-VM -Server $lab.Servers[1])
        $running = $onSecond[2]
        $null = Start-VM -VM $running
        $out = @(Get-VM | Remove-VM -Server $lab.Servers[1] -PassThru -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].TargetObject.Id | Should -Be $running.Id
        $out.Id | Should -Be @($onSecond | Where-Object Id -ne $running.Id).Id
        @(Get-VM -Server $lab.Servers[1]).Name | Should -Be @($running.Name)
        @(Get-VM -Server $lab.Servers[0]).Count | Should -BeGreaterThan 3
    }

    It 'removes the VMs a wildcard matches, and only those' {
        $null = New-VM -Name 'pester-wild1' -VMHost esx01
        $null = New-VM -Name 'pester-wild2' -VMHost esx02
        $count = @(Get-VM).Count
        Remove-VM 'pester-wild*' -Confirm:$false
        @(Get-VM 'pester-wild*').Count | Should -Be 0
        @(Get-VM).Count | Should -Be ($count - 2)
    }

    It 'writes VMNotFound for a stale object whose VM was removed already' {
        $vm = Get-VM $names[5]
        Remove-VM $names[5] -Confirm:$false
        $out = $vm | Remove-VM -PassThru -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.VMs.RemoveVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    Context 'disks' {
        BeforeAll {
            $script:esx01 = Get-VMHost esx01
        }

        It 'keeps the disk without -DeletePermanently: a new VM cannot create a disk of that name' {
            $null = New-VM -Name 'pester-rmkeep' -VMHost $esx01 -Datastore san01 -DiskGB 1
            Remove-VM 'pester-rmkeep' -Confirm:$false
            Test-VMExists 'pester-rmkeep' | Should -BeFalse
            { New-VM -Name 'pester-rmkeep' -VMHost $esx01 -Datastore san01 -DiskGB 1 -ErrorAction Stop } |
                Should -Throw -ErrorId 'DiskCreationFailed,VIToolkit.Commands.VMs.NewVMCommand'
            Test-VMExists 'pester-rmkeep' | Should -BeFalse
        }

        It 'deletes the disk with -DeletePermanently (says so with -Verbose): a new VM with that name and a disk succeeds' {
            $null = New-VM -Name 'pester-rmdel' -VMHost $esx01 -Datastore san01 -DiskGB 1
            $verbose = Remove-VM 'pester-rmdel' -DeletePermanently -Confirm:$false -Verbose 4>&1 -WarningVariable warnings
            $warnings.Count | Should -Be 0
            @($verbose | Where-Object { "$_" -like '*Deleted disk*pester-rmdel.qcow2*' }).Count | Should -Be 1
            Test-VMExists 'pester-rmdel' | Should -BeFalse
            $again = New-VM -Name 'pester-rmdel' -VMHost $esx01 -Datastore san01 -DiskGB 1 -ErrorVariable errs
            $errs.Count | Should -Be 0
            $again.Name | Should -Be 'pester-rmdel'
            Remove-VM 'pester-rmdel' -DeletePermanently -Confirm:$false
        }

        It 'deletes the disk of a lab VM with -DeletePermanently' {
            $name = $names[6]
            $verbose = Remove-VM $name -DeletePermanently -Confirm:$false -Verbose 4>&1
            @($verbose | Where-Object { "$_" -like "*Deleted disk*$name.qcow2*" }).Count | Should -Be 1
            Test-VMExists $name | Should -BeFalse
        }
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Remove-VM -VM $vm -Confirm:$false }
        }
    }
}

Describe 'the lab''s shared datastore is one store (issue 10, item 11)' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 2 -PowerState PoweredOff
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'deletes from the new host the disk of a VM moved there, and the VM can be made again on its first host' {
        $vm = New-VM -Name 'pester-shared' -VMHost esx01 -Datastore san01 -DiskGB 1 -ErrorAction Stop
        $moved = Move-VM $vm -Destination esx02 -MigrationType Offline -ErrorAction Stop
        $moved.VMHostName | Should -Be 'esx02'
        $verbose = Remove-VM $moved -DeletePermanently -Confirm:$false -Verbose -WarningVariable warnings 4>&1
        $warnings.Count | Should -Be 0 -Because "$warnings"
        @($verbose | Where-Object { "$_" -like '*Deleted disk*pester-shared.qcow2*' }).Count | Should -Be 1
        $again = New-VM -Name 'pester-shared' -VMHost esx01 -Datastore san01 -DiskGB 1 -ErrorVariable errs
        $errs.Count | Should -Be 0 -Because "$errs"
        $again.VMHostName | Should -Be 'esx01'
        Remove-VM $again -DeletePermanently -Confirm:$false
    }

    It 'refuses, from another host, a disk that the shared datastore already holds (DiskCreationFailed, nothing left behind)' {
        $null = New-VM -Name 'pester-twice' -VMHost esx01 -Datastore san01 -DiskGB 1 -ErrorAction Stop
        $record = { New-VM -Name 'pester-twice' -VMHost esx02 -Datastore san01 -DiskGB 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'DiskCreationFailed,VIToolkit.Commands.VMs.NewVMCommand' -PassThru
        $record.Exception.Message | Should -BeLike "*esx01*"
        @(Get-VM 'pester-twice').VMHostName | Should -Be @('esx01')
        Remove-VM 'pester-twice' -DeletePermanently -Confirm:$false
        # Deleted once, from the store: esx02 can now have it.
        $second = New-VM -Name 'pester-twice' -VMHost esx02 -Datastore san01 -DiskGB 1 -ErrorAction Stop
        Remove-VM $second -DeletePermanently -Confirm:$false
    }

    It 'deletes a lab VM''s disk from whichever host the VM is on' {
        $vm = @(Get-VM -Server esx01)[0]
        $null = Move-VM $vm -Destination esx02 -MigrationType Offline -ErrorAction Stop
        $verbose = Remove-VM $vm -DeletePermanently -Confirm:$false -Verbose -WarningVariable warnings 4>&1
        $warnings.Count | Should -Be 0 -Because "$warnings"
        @($verbose | Where-Object { "$_" -like "*Deleted disk*$($vm.Name).qcow2*" }).Count | Should -Be 1
    }
}
