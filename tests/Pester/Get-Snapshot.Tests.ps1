BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-Snapshot'
    $script:ErrorSuffix = ',VIToolkit.Commands.VMs.GetSnapshotCommand'
}

Describe 'Get-Snapshot parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Name', 'Server', 'ThrottleLimit', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VM by position 0, from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VM'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'takes -Name by position 1 and supports wildcards on it' {
        $name = (Get-Command $CommandName).Parameters['Name']
        $name.ParameterSets['__AllParameterSets'].Position | Should -Be 1
        $name.Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count | Should -Be 1
    }

    It 'only reads: no ShouldProcess' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeFalse
    }
}

Describe 'Get-Snapshot on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 3 -PowerState PoweredOff
        $script:names = @(Get-VM).Name
        # names[0]: base -> middle -> top (current); names[1]: one snapshot; names[2]: none.
        $null = New-Snapshot $names[0] -Name 'base' -Description 'the base'
        $null = New-Snapshot $names[0] -Name 'middle'
        $null = New-Snapshot $names[0] -Name 'top'
        $null = New-Snapshot $names[1] -Name 'base' -Description 'other base'
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'lists the snapshots of a VM, oldest first, with their properties' {
        $out = @(Get-Snapshot -VM (Get-VM $names[0]))
        $out.Name | Should -Be @('base', 'middle', 'top')
        $out[0] | Should -BeOfType ([VIToolkit.Core.Model.Snapshot])
        $out[0].Description | Should -BeExactly 'the base'
        $out.ParentSnapshot | Should -Be @($null, 'base', 'middle')
        $out.IsCurrent | Should -Be @($false, $false, $true)
        foreach ($snap in $out) {
            $snap.VM.Name | Should -Be $names[0]
            $snap.VMId | Should -Be (Get-VM $names[0]).Id
            $snap.Created | Should -BeOfType ([datetime])
            "$($snap.PowerState)" | Should -Be 'PoweredOff'
            $snap.Server.Name | Should -Be (Get-VM $names[0]).VMHostName
        }
        "$($out[0])" | Should -Be 'base'
    }

    It 'finds one by exact name' {
        $out = @(Get-Snapshot $names[0] -Name 'middle')
        $out.Count | Should -Be 1
        $out[0].Name | Should -BeExactly 'middle'
        $out[0].ParentSnapshot | Should -Be 'base'
    }

    It 'matches wildcards (* ? [])' {
        @(Get-Snapshot $names[0] -Name 'm*').Name | Should -Be @('middle')
        @(Get-Snapshot $names[0] -Name 't?p').Name | Should -Be @('top')
        @(Get-Snapshot $names[0] -Name '[bt]*').Name | Should -Be @('base', 'top')
        @(Get-Snapshot $names[0] -Name '*').Count | Should -Be 3
    }

    It 'writes SnapshotNotFound (ObjectNotFound, target = the name) for an exact name that matches nothing' {
        $out = Get-Snapshot $names[0] -Name 'nosuchsnapshot' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "SnapshotNotFound$ErrorSuffix"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'nosuchsnapshot'
    }

    It 'throws SnapshotNotFound with -ErrorAction Stop' {
        { Get-Snapshot $names[0] -Name 'nosuchsnapshot' -ErrorAction Stop } | Should -Throw -ErrorId "SnapshotNotFound$ErrorSuffix"
    }

    It 'returns what it finds and one error for the name that matches nothing' {
        $out = @(Get-Snapshot $names[0] -Name 'top', 'nosuchsnapshot', 'base' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Name | Should -Be @('base', 'top')
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be 'nosuchsnapshot'
    }

    It 'treats snapshot names case-sensitively' {
        $out = Get-Snapshot $names[0] -Name 'BASE' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be "SnapshotNotFound$ErrorSuffix"
    }

    It 'returns nothing and no error for a wildcard that matches nothing, or a VM without snapshots' {
        Get-Snapshot $names[0] -Name 'zzz*' -ErrorVariable errs1 | Should -BeNullOrEmpty
        $errs1.Count | Should -Be 0
        Get-Snapshot $names[2] -ErrorVariable errs2 | Should -BeNullOrEmpty
        $errs2.Count | Should -Be 0
    }

    It 'lists the snapshots of every VM piped in, VM by VM in input order' {
        $out = @(Get-VM $names[1], $names[0], $names[2] | Get-Snapshot)
        $out.VM.Name | Should -Be @($names[1], $names[0], $names[0], $names[0])
        $out.Name | Should -Be @('base', 'base', 'middle', 'top')
        $out[0].Description | Should -Be 'other base'
    }

    It 'finds an exact name that only one of several VMs has without an error' {
        $out = @(Get-Snapshot $names[0], $names[1] -Name 'top' -ErrorVariable errs)
        $out.Count | Should -Be 1
        $errs.Count | Should -Be 0
    }

    It 'restricts a wildcard of VMs to the servers given with -Server' {
        $server = (Get-VM $names[0]).Server
        $out = @(Get-Snapshot '*' -Server $server)
        @($out.VM.VMHostName | Sort-Object -Unique) | Should -Be @($server.Name)
        $out.Count | Should -Be @(Get-VM -Server $server | Get-Snapshot).Count
    }

    It 'writes VMNotFound for a VM removed meanwhile' {
        $vm = Get-VM $names[2]
        Remove-VM -VM $vm -Confirm:$false
        $out = $vm | Get-Snapshot -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "VMNotFound$ErrorSuffix"
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Get-Snapshot -VM $vm }
        }
    }
}
