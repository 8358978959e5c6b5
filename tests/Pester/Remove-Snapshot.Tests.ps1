BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Remove-Snapshot'
    $script:ErrorSuffix = ',VIToolkit.Commands.VMs.RemoveSnapshotCommand'
}

Describe 'Remove-Snapshot parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'PassThru', 'RemoveChildren', 'Snapshot' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -Snapshot by position 0, from the pipeline by value' {
        $meta = (Get-Command $CommandName).Parameters['Snapshot'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        (Get-Command $CommandName).Parameters['Snapshot'].ParameterType | Should -Be ([VIToolkit.Core.Model.Snapshot[]])
    }

    It 'has -RemoveChildren as a switch' {
        (Get-Command $CommandName).Parameters['RemoveChildren'].ParameterType | Should -Be ([switch])
    }

    It 'supports ShouldProcess with ConfirmImpact High' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Remove-Snapshot confirmation' {
    It 'asks for confirmation by default (it fails in a non-interactive session) and deletes with -Confirm:$false' {
        $result = Invoke-LabChildPwsh -PowerState PoweredOff -Command @'
$name = $vms[0].Name
$null = New-Snapshot $name -Name s1
try { Get-Snapshot $name -Name s1 | Remove-Snapshot -ErrorAction Stop; 'asked=no' } catch { "asked=$($_.Exception.Message -like '*NonInteractive*')" }
"before=$(@(Get-Snapshot $name).Count)"
Get-Snapshot $name -Name s1 | Remove-Snapshot -Confirm:$false
"after=$(@(Get-Snapshot $name).Count)"
'@
        $result.StdOut | Should -Contain 'asked=True'
        $result.StdOut | Should -Contain 'before=1'
        $result.StdOut | Should -Contain 'after=0'
    }
}

Describe 'Remove-Snapshot on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 1 -VMsPerHost 4 -PowerState PoweredOff
        $script:names = @(Get-VM).Name
        function script:Get-SnapshotName([string] $VM) { @(Get-Snapshot -VM $VM -ErrorAction Stop).Name }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'deletes a snapshot piped from Get-Snapshot, and outputs nothing' {
        $null = New-Snapshot $names[0] -Name 'keep'
        $null = New-Snapshot $names[0] -Name 'drop'
        $out = Get-Snapshot $names[0] -Name 'drop' | Remove-Snapshot -Confirm:$false -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
        Get-SnapshotName $names[0] | Should -Be @('keep')
        { Get-Snapshot $names[0] -Name 'drop' -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotNotFound,VIToolkit.Commands.VMs.GetSnapshotCommand'
    }

    It 'makes the parent current when the current snapshot is deleted' {
        (Get-Snapshot $names[0] -Name 'keep').IsCurrent | Should -BeTrue
    }

    It 'keeps the snapshot with -WhatIf' {
        Get-Snapshot $names[0] -Name 'keep' | Remove-Snapshot -WhatIf | Should -BeNullOrEmpty
        Get-SnapshotName $names[0] | Should -Be @('keep')
    }

    It 'takes the snapshot by position' {
        $snap = New-Snapshot $names[1] -Name 'positional'
        Remove-Snapshot $snap -Confirm:$false
        Get-Snapshot $names[1] | Should -BeNullOrEmpty
    }

    It 'deletes only the snapshot given without -RemoveChildren: its children stay, re-parented' {
        $null = New-Snapshot $names[2] -Name 'a'
        $null = New-Snapshot $names[2] -Name 'b'
        $null = New-Snapshot $names[2] -Name 'c'
        Get-Snapshot $names[2] -Name 'b' | Remove-Snapshot -Confirm:$false
        Get-SnapshotName $names[2] | Should -Be @('a', 'c')
        (Get-Snapshot $names[2] -Name 'c').ParentSnapshot | Should -Be 'a'
    }

    It 'deletes a snapshot and all the ones taken after it with -RemoveChildren' {
        $null = New-Snapshot $names[3] -Name 'root'
        $null = New-Snapshot $names[3] -Name 'child'
        $null = New-Snapshot $names[3] -Name 'grandchild'
        Get-Snapshot $names[3] -Name 'child' | Remove-Snapshot -RemoveChildren -Confirm:$false
        Get-SnapshotName $names[3] | Should -Be @('root')
    }

    It 'deletes the snapshots of several VMs piped in at once' {
        $null = New-Snapshot $names[0], $names[1] -Name 'both'
        Get-Snapshot $names[0], $names[1] -Name 'both' | Remove-Snapshot -Confirm:$false
        @(Get-Snapshot $names[0], $names[1] -Name 'both*').Count | Should -Be 0
        Get-SnapshotName $names[0] | Should -Be @('keep')
    }

    It 'writes SnapshotNotFound (ObjectNotFound, target = the snapshot) for a snapshot deleted already, and deletes the others' {
        $stale = New-Snapshot $names[1] -Name 'stale'
        $other = New-Snapshot $names[1] -Name 'other'
        Remove-Snapshot $stale -Confirm:$false
        $out = Remove-Snapshot $stale, $other -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "SnapshotNotFound$ErrorSuffix"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject.Name | Should -Be 'stale'
        Get-Snapshot $names[1] | Should -BeNullOrEmpty
    }

    It 'writes VMNotFound for a snapshot whose VM was removed meanwhile' {
        $vm = New-VM -Name 'pester-snapvm' -VMHost esx01
        $snap = New-Snapshot $vm -Name 'orphan'
        Remove-VM -VM $vm -Confirm:$false
        Remove-Snapshot $snap -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "VMNotFound$ErrorSuffix"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses an object that is not a snapshot at binding' {
        { Remove-Snapshot -Snapshot 'keep' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,VIToolkit.Commands.VMs.RemoveSnapshotCommand'
        Get-SnapshotName $names[0] | Should -Be @('keep')
    }
}
