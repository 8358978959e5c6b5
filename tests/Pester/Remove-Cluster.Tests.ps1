BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Remove-Cluster'
    $script:ErrorSuffix = ',VIToolkit.Commands.Clusters.RemoveClusterCommand'
    Enter-PrivateInventory   # private inventory files (TestHelpers); restored in AfterAll
    function script:Get-ClusterName { @(Get-Cluster).Name }
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'Remove-Cluster parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = @('Cluster')
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -Cluster by position 0, from the pipeline by value' {
        $meta = (Get-Command $CommandName).Parameters['Cluster'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
    }

    It 'supports ShouldProcess with ConfirmImpact High' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Remove-Cluster confirmation' {
    BeforeAll {
        $script:inventory = Use-PrivateInventory 'remove-cluster-confirm'
    }

    It 'asks for confirmation by default (it fails in a non-interactive session) and removes with -Confirm:$false' {
        # The child process inherits VITOOLKIT_INVENTORY: it works on this test's private inventory.
        $result = Invoke-LabChildPwsh -Command @'
$null = New-Cluster -Name AskMe -VMHost esx01
try { Remove-Cluster AskMe -ErrorAction Stop; 'asked=no' } catch { "asked=$($_.Exception.Message -like '*NonInteractive*')" }
"before=$(@(Get-Cluster -Name AskMe -ErrorAction SilentlyContinue).Count)"
Remove-Cluster AskMe -Confirm:$false
"after=$(@(Get-Cluster -Name AskMe -ErrorAction SilentlyContinue).Count)"
'@
        $result.StdOut | Should -Contain 'asked=True'
        $result.StdOut | Should -Contain 'before=1'
        $result.StdOut | Should -Contain 'after=0'
        (Read-StoredInventory).clusters.Count | Should -Be 0
    }
}

Describe 'Remove-Cluster on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 4
        $script:inventory = Use-PrivateInventory 'remove-cluster-lab'
        $script:allHosts = @(Get-VMHost).Name
        $script:allVMs = @(Get-VM).Id | Sort-Object
        function script:Reset-Clusters {
            Get-Cluster | Remove-Cluster -Confirm:$false
            $null = New-Cluster -Name 'Prod' -VMHost esx01, esx02
            $null = New-Cluster -Name 'Test' -VMHost esx03
            $null = New-Cluster -Name 'Temp1'
            $null = New-Cluster -Name 'Temp2'
        }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }
    BeforeEach {
        Reset-Clusters
    }

    It 'removes a cluster by name, outputs nothing, and keeps its hosts and VMs' {
        $vmsBefore = @(Get-VM -Location 'Prod').Id | Sort-Object
        $out = Remove-Cluster -Cluster 'Prod' -Confirm:$false -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
        Get-ClusterName | Should -Be @('Temp1', 'Temp2', 'Test')
        Get-Cluster -Name 'Prod' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Read-StoredInventory).clusters.name | Should -Not -Contain 'Prod'
        # Hosts and VMs are not touched: only the inventory entry goes.
        @(Get-VMHost).Name | Should -Be $allHosts
        "$((Get-VMHost -Name esx01).ConnectionState)" | Should -Be 'Connected'
        @(Get-VM).Id | Sort-Object | Should -Be $allVMs
        @(Get-VM -VMHost esx01, esx02).Id | Sort-Object | Should -Be $vmsBefore
    }

    It 'frees the hosts: they can join another cluster' {
        Remove-Cluster 'Prod' -Confirm:$false
        Get-VMHost -Name esx01 | Get-Cluster | Should -BeNullOrEmpty
        (New-Cluster -Name 'Again' -VMHost esx01, esx02).VMHostNames | Should -Be @('esx01', 'esx02')
    }

    It 'removes clusters piped from Get-Cluster' {
        Get-Cluster -Name 'Temp*' | Remove-Cluster -Confirm:$false
        Get-ClusterName | Should -Be @('Prod', 'Test')
    }

    It 'removes every cluster a wildcard matches, case-insensitively' {
        Remove-Cluster 'TEMP*' -Confirm:$false
        Get-ClusterName | Should -Be @('Prod', 'Test')
        Remove-Cluster '*' -Confirm:$false
        Get-Cluster | Should -BeNullOrEmpty
        @(Get-VM).Id | Sort-Object | Should -Be $allVMs
    }

    It 'removes several clusters given by name and by object' {
        Remove-Cluster 'Temp1', (Get-Cluster -Name 'Test') -Confirm:$false
        Get-ClusterName | Should -Be @('Prod', 'Temp2')
    }

    It 'does nothing, without error, for a wildcard that matches no cluster' {
        $before = Get-InventoryText
        Remove-Cluster 'zzz*' -Confirm:$false -ErrorVariable errs
        $errs.Count | Should -Be 0
        Get-InventoryText | Should -BeExactly $before
    }

    It 'writes ClusterNotFound (ObjectNotFound, target = the name) for an unknown name, and removes the others' {
        Remove-Cluster 'Temp1', 'NoSuch', 'Temp2' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "ClusterNotFound$ErrorSuffix"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'NoSuch'
        Get-ClusterName | Should -Be @('Prod', 'Test')
    }

    It 'throws ClusterNotFound with -ErrorAction Stop' {
        { Remove-Cluster 'NoSuch' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "ClusterNotFound$ErrorSuffix"
    }

    It 'writes ClusterNotFound for a cluster object that was already removed' {
        $stale = Get-Cluster -Name 'Temp1'
        Remove-Cluster $stale -Confirm:$false
        Remove-Cluster $stale -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "ClusterNotFound$ErrorSuffix"
        $errs[0].TargetObject | Should -Be 'Temp1'
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-InventoryText
        Remove-Cluster 'Prod', 'Temp*' -WhatIf | Should -BeNullOrEmpty
        Get-Cluster | Remove-Cluster -WhatIf
        Get-InventoryText | Should -BeExactly $before
        Get-ClusterName | Should -Be @('Prod', 'Temp1', 'Temp2', 'Test')
    }

    It 'rejects an empty or null -Cluster at binding' {
        { Remove-Cluster -Cluster '' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
        { Remove-Cluster -Cluster $null -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
        Get-ClusterName | Should -Be @('Prod', 'Temp1', 'Temp2', 'Test')
    }
}
