BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'New-Snapshot'
    $script:ErrorSuffix = ',VIToolkit.Commands.VMs.NewSnapshotCommand'
}

Describe 'New-Snapshot parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Description', 'Name', 'Server', 'ThrottleLimit', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VM by position 0 (from the pipeline) and a mandatory -Name by position 1' {
        $parameters = (Get-Command $CommandName).Parameters
        $vm = $parameters['VM'].ParameterSets['__AllParameterSets']
        $vm.IsMandatory | Should -BeTrue
        $vm.Position | Should -Be 0
        $vm.ValueFromPipeline | Should -BeTrue
        $vm.ValueFromPipelineByPropertyName | Should -BeTrue
        $name = $parameters['Name'].ParameterSets['__AllParameterSets']
        $name.IsMandatory | Should -BeTrue
        $name.Position | Should -Be 1
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'New-Snapshot on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 4 -PowerState PoweredOff
        $script:names = @(Get-VM).Name
        function script:Get-SnapshotName([string] $VM) { @(Get-Snapshot -VM $VM -ErrorAction Stop).Name }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'takes a snapshot of a powered-off VM and outputs it (Name, Description, IsCurrent, VM)' {
        $vm = Get-VM $names[0]
        $started = [datetime]::Now.AddMinutes(-1)
        $out = @(New-Snapshot -VM $vm -Name 'pester-snap1' -Description 'first one' -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        $snap = $out[0]
        $snap | Should -BeOfType ([VIToolkit.Core.Model.Snapshot])
        $snap.Name | Should -BeExactly 'pester-snap1'
        $snap.Description | Should -BeExactly 'first one'
        $snap.IsCurrent | Should -BeTrue
        $snap.VM.Name | Should -Be $names[0]
        $snap.VMId | Should -Be $vm.Id
        "$($snap.PowerState)" | Should -Be 'PoweredOff'
        $snap.ParentSnapshot | Should -BeNullOrEmpty
        $snap.Created | Should -BeGreaterThan $started
        Get-SnapshotName $names[0] | Should -Be @('pester-snap1')
    }

    It 'takes a second snapshot as the child of the first, and makes it current' {
        $snap = New-Snapshot $names[0] 'pester-snap2'
        $snap.ParentSnapshot | Should -Be 'pester-snap1'
        $snap.IsCurrent | Should -BeTrue
        (Get-Snapshot $names[0] -Name 'pester-snap1').IsCurrent | Should -BeFalse
        $snap.Description | Should -BeNullOrEmpty
    }

    It 'writes SnapshotAlreadyExists (ResourceExists) for a name the VM already has, adding nothing' {
        $out = New-Snapshot $names[0] -Name 'pester-snap1' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "SnapshotAlreadyExists$ErrorSuffix"
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-SnapshotName $names[0] | Should -Be @('pester-snap1', 'pester-snap2')
    }

    It 'takes a snapshot of a running VM (PowerState PoweredOn)' {
        $null = Start-VM $names[1]
        $snap = New-Snapshot $names[1] -Name 'pester-live'
        "$($snap.PowerState)" | Should -Be 'PoweredOn'
        $snap.State | Should -Be 'running'
        "$((Get-VM $names[1]).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'keeps a description with XML metacharacters exactly' {
        $description = "<x>&'`"</description>"
        $null = New-Snapshot $names[1] -Name 'pester-xml' -Description $description
        (Get-Snapshot $names[1] -Name 'pester-xml').Description | Should -BeExactly $description
    }

    It 'keeps a snapshot name with XML metacharacters exactly' {
        $name = "pester <s>&'`""
        $snap = New-Snapshot $names[1] -Name $name
        $snap.Name | Should -BeExactly $name
        (Get-Snapshot $names[1] -Name $name).Name | Should -BeExactly $name
    }

    It 'takes none with -WhatIf' {
        New-Snapshot $names[2] -Name 'pester-whatif' -WhatIf | Should -BeNullOrEmpty
        Get-Snapshot $names[2] | Should -BeNullOrEmpty
    }

    It 'takes one snapshot per VM piped in, in input order, restricted with -Server' {
        $onSecond = @(Get-VM -Server $lab.Servers[1])
        $out = @(Get-VM | New-Snapshot -Name 'pester-all' -Server $lab.Servers[1])
        $out.VMId | Should -Be $onSecond.Id
        foreach ($vm in $onSecond) { Get-SnapshotName $vm.Name | Should -Contain 'pester-all' }
        @(Get-Snapshot -VM @(Get-VM -Server $lab.Servers[0]) -Name 'pester-all' -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'takes snapshots of the VMs a wildcard matches' {
        $prefix = $names[3].Substring(0, $names[3].Length - 2)
        $matching = @(Get-VM "$prefix*")
        $out = @(New-Snapshot "$prefix*" -Name 'pester-wild')
        $out.VMId | Should -Be $matching.Id
    }

    It 'refuses a snapshot name with <Label> (InvalidSnapshotName, InvalidArgument), taking none' -ForEach @(
        @{ Label = 'a slash'; Name = 'a/b' }
        @{ Label = 'a control character'; Name = "bad`0name" }
        @{ Label = 'a leading space'; Name = ' lead' }
    ) {
        $before = @(Get-Snapshot $names[2] -ErrorAction SilentlyContinue).Count
        $out = New-Snapshot $names[2] -Name $Name -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "InvalidSnapshotName$ErrorSuffix"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-Snapshot $names[2] -ErrorAction SilentlyContinue).Count | Should -Be $before
    }

    It 'rejects an empty name at binding' {
        { New-Snapshot $names[2] -Name '' -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
    }

    It 'writes VMNotFound for a VM removed meanwhile and still snapshots the others' {
        $vms = @(Get-VM -Server $lab.Servers[0])
        $gone = $vms[2]
        Remove-VM -VM $gone -Confirm:$false
        $out = @($vms | New-Snapshot -Name 'pester-after-remove' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "VMNotFound$ErrorSuffix"
        $out.VMId | Should -Be @($vms | Where-Object Id -ne $gone.Id).Id
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) New-Snapshot -VM $vm -Name 'stale' }
        }
    }
}
