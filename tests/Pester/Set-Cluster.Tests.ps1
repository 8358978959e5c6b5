BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Set-Cluster'
    $script:ErrorSuffix = ',VIToolkit.Commands.Clusters.SetClusterCommand'
    Enter-PrivateInventory   # private inventory files (TestHelpers); restored in AfterAll
    # The cluster's record as stored in the inventory file.
    function script:Get-StoredCluster([string] $Name) {
        (Read-StoredInventory).clusters | Where-Object name -ceq $Name
    }
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'Set-Cluster parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'AllowMigrationOutOfCluster', 'Cluster', 'DrsAutomationLevel', 'DrsEnabled', 'DrsMigrationThreshold', 'HAAdmissionControlEnabled',
        'HAEnabled', 'HAFailoverLevel', 'HAIsolationResponse', 'HARestartPriority', 'Name' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -Cluster by position 0, from the pipeline by value' {
        $meta = (Get-Command $CommandName).Parameters['Cluster'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
    }

    It 'takes the new -Name only by name' {
        $meta = (Get-Command $CommandName).Parameters['Name'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeFalse
        $meta.Position | Should -BeLessThan 0
        $meta.ValueFromPipeline | Should -BeFalse
    }

    It 'has the HA and DRS switches' {
        $parameters = (Get-Command $CommandName).Parameters
        foreach ($name in 'HAEnabled', 'HAAdmissionControlEnabled', 'DrsEnabled', 'AllowMigrationOutOfCluster') {
            $parameters[$name].ParameterType | Should -Be ([switch]) -Because "-$name is a switch"
        }
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'Set-Cluster on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 2
        $script:inventory = Use-PrivateInventory 'set-cluster-lab'
        $null = New-Cluster -Name 'Prod' -VMHost esx01, esx02
        $null = New-Cluster -Name 'Test' -VMHost esx03
        $null = New-Cluster -Name 'Lab1'
        $null = New-Cluster -Name 'Lab2'
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'changing settings' {
        It 'sets <Label>, outputs the changed cluster and persists it' -ForEach @(
            @{ Label = 'HAEnabled'; Params = @{ HAEnabled = $true }; Property = 'HAEnabled'; Value = $true; Json = { $_.ha.enabled } }
            @{ Label = 'HAEnabled:$false'; Params = @{ HAEnabled = $false }; Property = 'HAEnabled'; Value = $false; Json = { $_.ha.enabled } }
            @{ Label = 'HAAdmissionControlEnabled:$false'; Params = @{ HAAdmissionControlEnabled = $false }; Property = 'HAAdmissionControlEnabled'; Value = $false; Json = { $_.ha.admissionControlEnabled } }
            @{ Label = 'HAFailoverLevel'; Params = @{ HAFailoverLevel = 4 }; Property = 'HAFailoverLevel'; Value = 4; Json = { $_.ha.failoverLevel } }
            @{ Label = 'HARestartPriority'; Params = @{ HARestartPriority = 'High' }; Property = 'HARestartPriority'; Value = 'High'; Json = { $_.ha.restartPriority } }
            @{ Label = 'HAIsolationResponse'; Params = @{ HAIsolationResponse = 'Shutdown' }; Property = 'HAIsolationResponse'; Value = 'Shutdown'; Json = { $_.ha.isolationResponse } }
            @{ Label = 'DrsEnabled'; Params = @{ DrsEnabled = $true }; Property = 'DrsEnabled'; Value = $true; Json = { $_.drs.enabled } }
            @{ Label = 'DrsAutomationLevel'; Params = @{ DrsAutomationLevel = 'PartiallyAutomated' }; Property = 'DrsAutomationLevel'; Value = 'PartiallyAutomated'; Json = { $_.drs.automationLevel } }
            @{ Label = 'DrsMigrationThreshold'; Params = @{ DrsMigrationThreshold = 1 }; Property = 'DrsMigrationThreshold'; Value = 1; Json = { $_.drs.migrationThreshold } }
            @{ Label = 'AllowMigrationOutOfCluster'; Params = @{ AllowMigrationOutOfCluster = $true }; Property = 'AllowMigrationOutOfCluster'; Value = $true; Json = { $_.allowMigrationOutOfCluster } }
        ) {
            $before = Get-Cluster -Name 'Test'
            $out = @(Set-Cluster -Cluster 'Test' @Params -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType ([VIToolkit.Core.Clusters.Cluster])
            "$($out[0].$Property)" | Should -Be "$Value"
            $out[0].Revision | Should -Be ($before.Revision + 1)
            "$((Get-Cluster -Name 'Test').$Property)" | Should -Be "$Value"
            "$(Get-StoredCluster 'Test' | ForEach-Object $Json)" | Should -Be "$Value"
            # Nothing else changed.
            $after = Get-Cluster -Name 'Test'
            foreach ($other in 'HAEnabled', 'HAAdmissionControlEnabled', 'HAFailoverLevel', 'HARestartPriority', 'HAIsolationResponse', 'DrsEnabled',
                'DrsAutomationLevel', 'DrsMigrationThreshold', 'AllowMigrationOutOfCluster', 'Name', 'Id') {
                if ($other -ne $Property) { "$($after.$other)" | Should -Be "$($before.$other)" -Because "-$Property should not change $other" }
            }
            $after.VMHostNames | Should -Be @('esx03')
        }

        It 'changes several settings at once and only those' {
            $out = Set-Cluster 'Prod' -HAEnabled -DrsEnabled -DrsAutomationLevel Manual
            $out.HAEnabled | Should -BeTrue
            $out.DrsEnabled | Should -BeTrue
            "$($out.DrsAutomationLevel)" | Should -Be 'Manual'
            $out.HAFailoverLevel | Should -Be 1
            "$($out.HARestartPriority)" | Should -Be 'Medium'
            $stored = Get-StoredCluster 'Prod'
            $stored.ha.enabled | Should -BeTrue
            $stored.drs.enabled | Should -BeTrue
            $stored.drs.automationLevel | Should -Be 'Manual'
            (Get-StoredCluster 'Test').drs.automationLevel | Should -Be 'PartiallyAutomated' -Because 'only Prod was named'
        }

        It 'is seen by another process that uses the same inventory' {
            $child = Invoke-ChildPwsh -Command ("Import-Module '$(Get-ModuleUnderTestPath)' -ErrorAction Stop; " +
                'Get-Cluster Prod | ForEach-Object { "ha=$($_.HAEnabled);drs=$($_.DrsAutomationLevel)" }')
            $child.ExitCode | Should -Be 0 -Because $child.StdErr
            $child.StdOut | Should -Contain 'ha=True;drs=Manual'
        }

        It 'changes the clusters piped from Get-Cluster, by wildcard' {
            $out = @(Get-Cluster -Name 'Lab*' | Set-Cluster -HAFailoverLevel 7)
            $out.Name | Should -Be @('Lab1', 'Lab2')
            @(Get-Cluster -Name 'Lab*').HAFailoverLevel | Should -Be @(7, 7)
            (Get-Cluster -Name 'Prod').HAFailoverLevel | Should -Be 1
            $out = @(Set-Cluster 'Lab?' -HAFailoverLevel 8)
            $out.Name | Should -Be @('Lab1', 'Lab2')
            @(Get-Cluster -Name 'Lab*').HAFailoverLevel | Should -Be @(8, 8)
        }

        It 'changes nothing with -WhatIf' {
            $before = Get-InventoryText
            Set-Cluster 'Prod' -HAEnabled:$false -DrsMigrationThreshold 5 -Name 'Renamed' -WhatIf | Should -BeNullOrEmpty
            Get-InventoryText | Should -BeExactly $before
            (Get-Cluster -Name 'Prod').HAEnabled | Should -BeTrue
        }

        It 'rejects out-of-range settings at binding, changing nothing' {
            $before = Get-InventoryText
            { Set-Cluster 'Prod' -HAFailoverLevel 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
            { Set-Cluster 'Prod' -HAFailoverLevel 32 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
            { Set-Cluster 'Prod' -DrsMigrationThreshold 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
            { Set-Cluster 'Prod' -HARestartPriority 'Urgent' -ErrorAction Stop } | Should -Throw -ErrorId "CannotConvertArgumentNoMessage$ErrorSuffix"
            Get-InventoryText | Should -BeExactly $before
        }
    }

    Context 'renaming' {
        It 'renames a cluster with -Name, keeping its Id, members and settings' {
            $before = Get-Cluster -Name 'Lab1'
            $out = Set-Cluster 'Lab1' -Name 'Staging'
            $out.Name | Should -BeExactly 'Staging'
            $out.Id | Should -Be $before.Id
            $out.HAFailoverLevel | Should -Be $before.HAFailoverLevel
            @(Get-Cluster -Name 'Staging').Id | Should -Be @($before.Id)
            Get-Cluster -Name 'Lab1' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            @(Get-StoredCluster 'Staging').Count | Should -Be 1
            @(Get-StoredCluster 'Lab1').Count | Should -Be 0
        }

        It 'renames a cluster with members; its hosts still find it' {
            $null = Set-Cluster 'Test' -Name 'QA'
            @(Get-VMHost -Name esx03 | Get-Cluster).Name | Should -Be @('QA')
            @(Get-VMHost -Location 'QA').Name | Should -Be @('esx03')
        }

        It 'changes the case of a name' {
            $out = Set-Cluster 'qa' -Name 'Qa'
            $out.Name | Should -BeExactly 'Qa'
            @(Get-Cluster).Name | Should -Contain 'Qa'
            @(Get-StoredCluster 'Qa').Count | Should -Be 1
        }

        It 'writes ClusterAlreadyExists (ResourceExists) for a name that another cluster has, in any case, changing nothing' {
            $before = Get-InventoryText
            $out = Set-Cluster 'Staging' -Name 'PROD' -HAEnabled -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ClusterAlreadyExists$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $errs[0].TargetObject.Name | Should -Be 'Staging'
            Get-InventoryText | Should -BeExactly $before
            @(Get-Cluster -Name 'Staging', 'Prod').Name | Should -Be @('Prod', 'Staging')
        }

        It 'writes InvalidClusterName (InvalidArgument) for a new name with a wildcard, changing nothing' {
            $before = Get-InventoryText
            $out = Set-Cluster 'Staging' -Name 'Stag*' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidClusterName$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-InventoryText | Should -BeExactly $before
        }

        It 'gives the second of two clusters renamed to one name ClusterAlreadyExists' {
            $out = @(Set-Cluster 'Staging', 'Lab2' -Name 'Merged' -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Name | Should -Be @('Merged')
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ClusterAlreadyExists$ErrorSuffix"
            @(Get-Cluster -Name 'Merged', 'Lab2').Name | Should -Be @('Lab2', 'Merged')
        }
    }

    Context 'missing clusters' {
        It 'writes a non-terminating ClusterNotFound (target = the name) for an unknown cluster name, changing nothing' {
            $before = Get-InventoryText
            $out = Set-Cluster 'NoSuch' -HAEnabled -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ClusterNotFound$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'NoSuch'
            "$($errs[0])" | Should -BeLike "*No cluster named 'NoSuch'*"
            { Set-Cluster 'NoSuch' -HAEnabled -ErrorAction Stop } | Should -Throw -ErrorId "ClusterNotFound$ErrorSuffix"
            Get-InventoryText | Should -BeExactly $before
            Get-Cluster -Name 'NoSuch' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'does nothing for a wildcard that matches no cluster' {
            $before = Get-InventoryText
            Set-Cluster 'zzz*' -HAEnabled -ErrorVariable errs | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
            Get-InventoryText | Should -BeExactly $before
        }

        It 'writes ClusterNotFound (ObjectNotFound, target = the cluster) for a cluster object removed since it was read' {
            $null = New-Cluster -Name 'Gone'
            $stale = Get-Cluster -Name 'Gone'
            Remove-Cluster 'Gone' -Confirm:$false
            $out = Set-Cluster -Cluster $stale -HAEnabled -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ClusterNotFound$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject.Name | Should -Be 'Gone'
            Get-Cluster -Name 'Gone' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }
}
