BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Export-VIInventory'
    Enter-PrivateInventory
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'Export-VIInventory parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        Get-OwnParameterName $CommandName | Should -Be @('Force', 'Path')
    }

    It 'supports -WhatIf and -Confirm' {
        (Get-Command $CommandName).Parameters.Keys | Should -Contain 'WhatIf'
    }
}

Describe 'Export-VIInventory and Import-VIInventory on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 1
        $null = Use-PrivateInventory 'export'
        $null = New-Cluster -Name Prod -VMHost esx01, esx02 -HAEnabled -HAFailoverLevel 1 -DrsEnabled -DrsAutomationLevel Manual
        $null = New-Cluster -Name Test -VMHost esx03
        $null = Set-VMHost esx01 -MigrationUri 'qemu+tcp://10.9.9.1/system' -Confirm:$false
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'writes every cluster, its settings and the host settings as JSON (schema 2) and returns the file' {
        $path = Join-Path $TestDrive 'inv.json'
        $file = Export-VIInventory -Path $path
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be $path
        $document = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
        $document.schemaVersion | Should -Be 2
        @($document.clusters.name) | Should -Be @('Prod', 'Test')
        ($document.clusters | Where-Object name -eq Prod).hosts.name | Should -Be @('esx01', 'esx02')
        ($document.clusters | Where-Object name -eq Prod).ha.enabled | Should -BeTrue
        ($document.clusters | Where-Object name -eq Prod).drs.automationLevel | Should -Be 'Manual'
        ($document.hosts | Where-Object name -eq esx01).migrationUri | Should -Be 'qemu+tcp://10.9.9.1/system'
    }

    It 'refuses to replace an existing file without -Force (ExportFileExists), and replaces it with -Force' {
        $path = Join-Path $TestDrive 'exists.json'
        Set-Content -LiteralPath $path -Value 'keep me'
        { Export-VIInventory -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'ExportFileExists,VIToolkit.Commands.Store.ExportVIInventoryCommand'
        Get-Content -LiteralPath $path -Raw | Should -BeLike 'keep me*'
        $null = Export-VIInventory -Path $path -Force
        (Get-Content -LiteralPath $path -Raw | ConvertFrom-Json).clusters.Count | Should -Be 2
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.json'
        Export-VIInventory -Path $path -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $path | Should -BeFalse
    }

    It 'refuses a path that cannot be a file (InvalidExportPath)' {
        { Export-VIInventory -Path "bad`0name.json" -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidExportPath,VIToolkit.Commands.Store.ExportVIInventoryCommand'
    }

    It 'round-trips: an import of an export gives back the same inventory, and outputs the clusters' {
        $path = Join-Path $TestDrive 'round.json'
        $null = Export-VIInventory -Path $path -Force
        $before = Read-StoredInventory
        Remove-Cluster -Cluster Test -Confirm:$false
        $null = Set-Cluster -Cluster Prod -HAEnabled:$false -Confirm:$false
        $out = @(Import-VIInventory -Path $path -Confirm:$false)
        $out.Name | Should -Be @('Prod', 'Test')
        $after = Read-StoredInventory
        ($after.clusters | ConvertTo-Json -Depth 6) | Should -Be ($before.clusters | ConvertTo-Json -Depth 6)
        ($after.hosts | ConvertTo-Json -Depth 6) | Should -Be ($before.hosts | ConvertTo-Json -Depth 6)
        (Get-Cluster Prod).HAEnabled | Should -BeTrue
    }

    It 'changes nothing for a corrupt file (InventoryCorrupt), a missing one (ImportFileNotFound) or -WhatIf' {
        $before = Get-InventoryText
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content -LiteralPath $bad -Value '{ "schemaVersion": 2, "clusters": [ { "name": '
        { Import-VIInventory -Path $bad -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InventoryCorrupt,VIToolkit.Commands.Store.ImportVIInventoryCommand'
        { Import-VIInventory -Path (Join-Path $TestDrive 'none.json') -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ImportFileNotFound,VIToolkit.Commands.Store.ImportVIInventoryCommand'
        $empty = Join-Path $TestDrive 'empty-inventory.json'
        Set-Content -LiteralPath $empty -Value '{ "schemaVersion": 2, "clusters": [] }'
        Import-VIInventory -Path $empty -WhatIf | Should -BeNullOrEmpty
        Get-InventoryText | Should -BeExactly $before
    }

    It 'is seen by another process on the same store' {
        $child = Invoke-ChildPwsh -Command "Import-Module '$(Get-ModuleUnderTestPath)'; (Get-Cluster).Name -join ','"
        $child.ExitCode | Should -Be 0 -Because $child.StdErr
        ($child.StdOut -join '').Trim() | Should -Be 'Prod,Test'
    }
}
