BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Set-VM'
    $script:ErrorSuffix = ',VIToolkit.Commands.VMs.SetVMCommand'
}

Describe 'Set-VM parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Force', 'MemoryGB', 'MemoryMB', 'Notes', 'NumCpu', 'Server', 'Snapshot', 'ThrottleLimit', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'has the parameter sets Configure (default) and Revert' {
        $command = Get-Command $CommandName
        $command.DefaultParameterSet | Should -Be 'Configure'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('Configure', 'Revert')
        foreach ($name in 'MemoryMB', 'MemoryGB', 'NumCpu', 'Notes') {
            $command.Parameters[$name].ParameterSets.Keys | Should -Be @('Configure')
        }
        foreach ($name in 'Snapshot', 'Force') {
            $command.Parameters[$name].ParameterSets.Keys | Should -Be @('Revert')
        }
        $command.Parameters['Snapshot'].ParameterSets['Revert'].IsMandatory | Should -BeTrue
    }

    It 'takes a mandatory -VM by position 0, from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VM'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'validates -MemoryMB (>= 1) and -NumCpu (1..4096) at binding' {
        $parameters = (Get-Command $CommandName).Parameters
        $memory = $parameters['MemoryMB'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $memory[0].MinRange | Should -Be 1
        $cpus = $parameters['NumCpu'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $cpus[0].MinRange | Should -Be 1
        $cpus[0].MaxRange | Should -Be 4096
    }

    It 'allows an empty -Notes (to clear them) and has the alias Description' {
        $notes = (Get-Command $CommandName).Parameters['Notes']
        $notes.Attributes.Where({ $_ -is [System.Management.Automation.AllowEmptyStringAttribute] }).Count | Should -Be 1
        $notes.Aliases | Should -Contain 'Description'
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'Set-VM on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 5 -PowerState PoweredOff
        $script:names = @(Get-VM).Name
        function script:Get-Fresh([string] $Name) { Get-VM -Name $Name -ErrorAction Stop }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'a powered-off VM' {
        It 'changes memory, vCPUs and notes together and outputs the fresh VM' {
            $vm = Get-Fresh $names[0]
            $out = @(Set-VM -VM $vm -MemoryMB 3072 -NumCpu 3 -Notes 'resized by Pester' -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $out.Count | Should -Be 1
            $out[0].Id | Should -Be $vm.Id
            $out[0].MemoryMB | Should -Be 3072
            $out[0].NumCpu | Should -Be 3
            $fresh = Get-Fresh $names[0]
            $fresh.MemoryMB | Should -Be 3072
            $fresh.MaxMemoryMB | Should -Be 3072
            $fresh.NumCpu | Should -Be 3
            $fresh.Notes | Should -BeExactly 'resized by Pester'
            "$($fresh.PowerState)" | Should -Be 'PoweredOff'
        }

        It 'changes only what is given' {
            $before = Get-Fresh $names[0]
            $null = Set-VM $names[0] -NumCpu 4
            $after = Get-Fresh $names[0]
            $after.NumCpu | Should -Be 4
            $after.MemoryMB | Should -Be $before.MemoryMB
            $after.Notes | Should -BeExactly $before.Notes
        }

        It 'takes -MemoryGB (1.5 GB = 1536 MB)' {
            $null = Set-VM $names[0] -MemoryGB 1.5
            (Get-Fresh $names[0]).MemoryMB | Should -Be 1536
        }

        It 'round-trips notes with XML metacharacters exactly' {
            $notes = "<x>&'`""
            $out = Set-VM $names[1] -Notes $notes
            $out.Notes | Should -BeExactly $notes
            (Get-Fresh $names[1]).Notes | Should -BeExactly $notes
        }

        It 'round-trips notes that look like domain XML, without changing the VM' {
            $before = Get-Fresh $names[1]
            $notes = "</description><vcpu>32</vcpu><description>"
            $null = Set-VM $names[1] -Notes $notes
            $after = Get-Fresh $names[1]
            $after.Notes | Should -BeExactly $notes
            $after.NumCpu | Should -Be $before.NumCpu
        }

        It 'keeps multi-line notes' {
            $notes = "line one`nline two`ttabbed"
            $null = Set-VM $names[1] -Notes $notes
            (Get-Fresh $names[1]).Notes | Should -BeExactly $notes
        }

        It 'clears the notes with an empty string' {
            $null = Set-VM $names[1] -Notes ''
            (Get-Fresh $names[1]).Notes | Should -BeNullOrEmpty
        }

        It 'writes InvalidNotes for notes with a NUL character and keeps the old ones' {
            $null = Set-VM $names[1] -Notes 'kept'
            $out = Set-VM $names[1] -Notes "bad`0notes" -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidNotes$ErrorSuffix"
            (Get-Fresh $names[1]).Notes | Should -BeExactly 'kept'
        }

        It 'changes nothing with -WhatIf' {
            $before = Get-Fresh $names[2]
            Set-VM $names[2] -MemoryMB 4000 -NumCpu 5 -Notes 'what if' -WhatIf | Should -BeNullOrEmpty
            $after = Get-Fresh $names[2]
            $after.MemoryMB | Should -Be $before.MemoryMB
            $after.NumCpu | Should -Be $before.NumCpu
            $after.Notes | Should -BeExactly $before.Notes
        }

        It 'sets the VMs piped in, restricted with -Server' {
            $out = @(Get-VM | Set-VM -Notes 'second host' -Server $lab.Servers[1])
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
            @(Get-VM -Server $lab.Servers[1] | Where-Object Notes -ne 'second host').Count | Should -Be 0
            @(Get-VM -Server $lab.Servers[0] | Where-Object Notes -eq 'second host').Count | Should -Be 0
        }

        It 'sets the VMs a wildcard matches' {
            $prefix = $names[3].Substring(0, $names[3].Length - 2)
            $matching = @(Get-VM "$prefix*")
            $out = @(Set-VM "$prefix*" -NumCpu 2)
            $out.Id | Should -Be $matching.Id
            @(Get-VM "$prefix*" | Where-Object NumCpu -ne 2).Count | Should -Be 0
        }
    }

    Context 'refusing bad input' {
        It 'rejects -MemoryMB 0 at binding' {
            { Set-VM $names[0] -MemoryMB 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
        }

        It 'rejects -NumCpu 0 at binding' {
            { Set-VM $names[0] -NumCpu 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
        }

        It 'writes InvalidNumCpu (InvalidArgument) for more vCPUs than the host''s 32, changing nothing' {
            $before = Get-Fresh $names[0]
            $out = Set-VM $names[0] -NumCpu 33 -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidNumCpu$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            (Get-Fresh $names[0]).NumCpu | Should -Be $before.NumCpu
        }

        It 'writes InvalidMemorySize (InvalidArgument) for more memory than the host''s 256 GB (<Label>)' -ForEach @(
            @{ Label = 'MemoryMB 262145'; Params = @{ MemoryMB = 262145 } }
            @{ Label = 'MemoryGB 300'; Params = @{ MemoryGB = 300 } }
        ) {
            $before = Get-Fresh $names[0]
            $out = Set-VM $names[0] @Params -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidMemorySize$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            (Get-Fresh $names[0]).MemoryMB | Should -Be $before.MemoryMB
        }

        It 'accepts exactly the host''s memory on a powered-off VM' {
            $null = Set-VM $names[4] -MemoryMB 262144
            (Get-Fresh $names[4]).MemoryMB | Should -Be 262144
            $null = Set-VM $names[4] -MemoryMB 1024
        }

        It 'throws MemoryGivenTwice (terminating, InvalidArgument) for both -MemoryMB and -MemoryGB, changing nothing' {
            $before = Get-Fresh $names[0]
            $caught = $null
            try { Set-VM $names[0] -MemoryMB 2048 -MemoryGB 2 -NumCpu 1 } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty -Because 'the error is terminating even without -ErrorAction Stop'
            $caught.FullyQualifiedErrorId | Should -Be "MemoryGivenTwice$ErrorSuffix"
            $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $after = Get-Fresh $names[0]
            $after.MemoryMB | Should -Be $before.MemoryMB
            $after.NumCpu | Should -Be $before.NumCpu
        }

        It 'throws NothingToChange (terminating) when no change is given' {
            $caught = $null
            try { Set-VM $names[0] } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -Be "NothingToChange$ErrorSuffix"
            $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    Context 'a running VM' {
        BeforeAll {
            $script:running = $names[5]
            $null = Set-VM $running -MemoryMB 2048 -NumCpu 2
            $null = Start-VM $running
        }

        It 'writes InvalidVMState (InvalidOperation, target = the VM) for memory above its maximum, changing nothing' {
            $before = Get-Fresh $running
            $out = Set-VM $running -MemoryMB 4096 -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidVMState$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject.Name | Should -Be $running
            $after = Get-Fresh $running
            $after.MemoryMB | Should -Be $before.MemoryMB
            "$($after.PowerState)" | Should -Be 'PoweredOn'
        }

        It 'writes InvalidVMState for more vCPUs than it was started with' {
            { Set-VM $running -NumCpu 4 -ErrorAction Stop } | Should -Throw -ErrorId "InvalidVMState$ErrorSuffix"
            (Get-Fresh $running).NumCpu | Should -Be 2
        }

        It 'shrinks its memory live (maximum unchanged) and keeps the change after a power cycle' {
            $out = Set-VM $running -MemoryMB 1024
            $out.MemoryMB | Should -Be 1024
            $out.MaxMemoryMB | Should -Be 2048
            "$($out.PowerState)" | Should -Be 'PoweredOn'
            $null = Stop-VM $running -Confirm:$false
            $null = Start-VM $running
            (Get-Fresh $running).MemoryMB | Should -Be 1024
        }

        It 'gives memory back up to its maximum while running' {
            $null = Set-VM $running -MemoryMB 2048
            (Get-Fresh $running).MemoryMB | Should -Be 2048
        }

        It 'changes the notes of a running VM' {
            $null = Set-VM $running -Notes 'live <notes>'
            (Get-Fresh $running).Notes | Should -BeExactly 'live <notes>'
        }
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Set-VM -VM $vm -Notes 'stale' -Confirm:$false }
        }
    }
}

Describe 'Set-VM -Snapshot (revert)' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 1 -VMsPerHost 4 -PowerState PoweredOff
        $script:name = @(Get-VM)[0].Name
        $null = Set-VM $name -MemoryMB 2048
        $script:snapshot = New-Snapshot $name -Name 'pester-base' -Description 'before changes'
        function script:Get-Fresh([string] $Name) { Get-VM -Name $Name -ErrorAction Stop }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'reverts to a snapshot given by name (memory changed after it comes back)' {
        $null = Set-VM $name -MemoryMB 4096
        (Get-Fresh $name).MemoryMB | Should -Be 4096
        $out = @(Set-VM $name -Snapshot 'pester-base' -Confirm:$false -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        $out[0].MemoryMB | Should -Be 2048
        (Get-Fresh $name).MemoryMB | Should -Be 2048
    }

    It 'reverts to a snapshot object from Get-Snapshot, with -Force' {
        $null = Set-VM $name -MemoryMB 3072
        $snap = Get-Snapshot $name -Name 'pester-base'
        $null = Set-VM $name -Snapshot $snap -Force
        (Get-Fresh $name).MemoryMB | Should -Be 2048
    }

    It 'changes nothing with -WhatIf, even with -Force' {
        $null = Set-VM $name -MemoryMB 3072
        Set-VM $name -Snapshot 'pester-base' -WhatIf | Should -BeNullOrEmpty
        Set-VM $name -Snapshot 'pester-base' -Force -WhatIf | Should -BeNullOrEmpty
        (Get-Fresh $name).MemoryMB | Should -Be 3072
        $null = Set-VM $name -Snapshot 'pester-base' -Force
    }

    It 'writes SnapshotNotFound (ObjectNotFound) for a snapshot the VM does not have, changing nothing' {
        $null = Set-VM $name -MemoryMB 3072
        $out = Set-VM $name -Snapshot 'nosuchsnapshot' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "SnapshotNotFound$ErrorSuffix"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-Fresh $name).MemoryMB | Should -Be 3072
        $null = Set-VM $name -Snapshot 'pester-base' -Force
    }

    It 'reverts a running VM to a snapshot taken while it was off: it is off again' {
        $null = Start-VM $name
        $out = Set-VM $name -Snapshot 'pester-base' -Force
        "$($out.PowerState)" | Should -Be 'PoweredOff'
        "$((Get-Fresh $name).PowerState)" | Should -Be 'PoweredOff'
    }

    It 'reverts every VM piped in that has the snapshot, with one error for the one that has not' {
        $other = @(Get-VM)[1].Name
        $null = New-Snapshot $other -Name 'pester-base'
        $null = Set-VM $name, $other -MemoryMB 5000
        $third = @(Get-VM)[2].Name
        $out = @(Get-VM $name, $third, $other | Set-VM -Snapshot 'pester-base' -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].TargetObject.Name | Should -Be $third
        $out.Name | Should -Be @($name, $other)
        (Get-Fresh $other).MemoryMB | Should -Not -Be 5000
    }
}

Describe 'Set-VM -Snapshot confirmation' {
    It 'asks (as a high-impact change) by default; reverts with -Confirm:$false, with -Force and with $ConfirmPreference = None' {
        $result = Invoke-LabChildPwsh -PowerState PoweredOff -Command @'
$name = $vms[0].Name
$null = Set-VM $name -MemoryMB 2048
$null = New-Snapshot $name -Name base
function Probe([string] $label, [scriptblock] $revert) {
    $null = Set-VM $name -MemoryMB 4096
    try { $null = & $revert; $asked = 'no' } catch { $asked = $_.Exception.Message -like '*NonInteractive*' }
    "$label=asked:$asked,memory:$((Get-VM $name).MemoryMB)"
}
Probe 'default' { Set-VM $name -Snapshot base -ErrorAction Stop }
Probe 'confirmfalse' { Set-VM $name -Snapshot base -Confirm:$false -ErrorAction Stop }
Probe 'force' { Set-VM $name -Snapshot base -Force -ErrorAction Stop }
$ConfirmPreference = 'None'
Probe 'none' { Set-VM $name -Snapshot base -ErrorAction Stop }
$ConfirmPreference = 'High'
Probe 'configure' { Set-VM $name -MemoryMB 1024 -ErrorAction Stop }
'@
        $result.StdOut | Should -Contain 'default=asked:True,memory:4096'
        $result.StdOut | Should -Contain 'confirmfalse=asked:no,memory:2048'
        $result.StdOut | Should -Contain 'force=asked:no,memory:2048'
        $result.StdOut | Should -Contain 'none=asked:no,memory:2048'
        # Reconfiguring is medium impact: no prompt.
        $result.StdOut | Should -Contain 'configure=asked:no,memory:1024'
    }
}
