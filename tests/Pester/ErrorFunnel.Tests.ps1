# The error funnel: every exported cmdlet, run against a corrupt inventory and against a host that is gone, reports
# errors with VIToolkit's stable ids, never with a .NET type name as the FullyQualifiedErrorId.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:savedInventory = $env:VITOOLKIT_INVENTORY

    # One representative call per cmdlet; each names what it needs through $ctx (a lab, a VM, a cluster, a task).
    $script:Calls = [ordered]@{
        'Connect-VIServer'          = { Connect-VIServer -Server $ctx.Uri -NotDefault }
        'Disconnect-VIServer'       = { Disconnect-VIServer -Server $ctx.Server -WhatIf }
        'Get-VMHost'                = { Get-VMHost -Location Prod }
        'Get-VM'                    = { Get-VM -Location Prod }
        'Get-Datastore'             = { Get-Datastore -VMHost $ctx.Server.Name }
        'Get-VirtualNetwork'        = { Get-VirtualNetwork -VMHost $ctx.Server.Name }
        'New-VILab'                 = { New-VILab -HostCount 1 -VMsPerHost 1 -Path $ctx.Path -NotDefault -WhatIf }
        'New-VM'                    = { New-VM -Name funnel01 -VMHost $ctx.Host }
        'Remove-VM'                 = { Remove-VM -VM $ctx.VM -Confirm:$false -WhatIf }
        'Start-VM'                  = { Start-VM -VM $ctx.VM }
        'Stop-VM'                   = { Stop-VM -VM $ctx.VM -Confirm:$false }
        'Stop-VMGuest'              = { Stop-VMGuest -VM $ctx.VM -Confirm:$false }
        'Suspend-VM'                = { Suspend-VM -VM $ctx.VM -Confirm:$false }
        'Restart-VM'                = { Restart-VM -VM $ctx.VM -Confirm:$false }
        'Restart-VMGuest'           = { Restart-VMGuest -VM $ctx.VM -Confirm:$false }
        'Set-VM'                    = { Set-VM -VM $ctx.VM -Notes 'funnel' -Confirm:$false }
        'New-Snapshot'              = { New-Snapshot -VM $ctx.VM -Name funnel }
        'Get-Snapshot'              = { Get-Snapshot -VM $ctx.VM }
        'Remove-Snapshot'           = { Get-Snapshot -VM $ctx.VM | Remove-Snapshot -Confirm:$false }
        'Get-VMConsole'             = { Get-VMConsole -VM $ctx.VM }
        'Rename-VirtualNetwork'     = { $ctx.Network | Rename-VirtualNetwork -NewName funnelnet -Confirm:$false }
        'New-Cluster'               = { New-Cluster -Name Funnel -VMHost $ctx.Host }
        'Get-Cluster'               = { Get-Cluster }
        'Set-Cluster'               = { Set-Cluster -Cluster Prod -HAEnabled -Confirm:$false }
        'Remove-Cluster'            = { Remove-Cluster -Cluster Prod -Confirm:$false }
        'Move-VMHost'               = { Move-VMHost -VMHost $ctx.Host -Destination Prod -Confirm:$false }
        'Test-ClusterCompatibility' = { Test-ClusterCompatibility -Cluster Prod }
        'Test-VMMigration'          = { Test-VMMigration -VM $ctx.VM -Destination $ctx.Other }
        'Move-VM'                   = { Move-VM -VM $ctx.VM -Destination $ctx.Other -MigrationType Offline -Confirm:$false }
        'Set-VMHost'                = { Set-VMHost -VMHost $ctx.Host -State Maintenance -Confirm:$false }
        'Get-Task'                  = { Get-Task }
        'Wait-Task'                 = { Wait-Task -Task $ctx.Task -TimeoutSeconds 5 }
        'Stop-Task'                 = { Stop-Task -Task $ctx.Task -Confirm:$false }
        'Export-VIInventory'        = { Export-VIInventory -Path (Join-Path $TestDrive 'funnel-export.json') -Force }
        'Get-VIEvent'               = { Get-VIEvent -Entity $ctx.VM }
        'Get-VIToolkitConfiguration' = { Get-VIToolkitConfiguration }
        'Set-VIToolkitConfiguration' = { Set-VIToolkitConfiguration -Store 'Host=x;Password=p' -Scope Session -Confirm:$false }
        'Import-VIInventory'        = { Import-VIInventory -Path (Join-Path $TestDrive 'no-such-export.json') -Confirm:$false }
    }

    # Every FullyQualifiedErrorId a call produced (terminating or not).
    function script:Get-ErrorId([scriptblock] $Call, $ctx) {
        $out = @()
        try {
            $ErrorActionPreference = 'Continue'
            $WarningPreference = 'SilentlyContinue'
            $out = @(& $Call 2>&1)
        }
        catch {
            $out += $_
        }
        foreach ($e in $out) { if ($e -is [System.Management.Automation.ErrorRecord]) { $e.FullyQualifiedErrorId } }
    }
    # A lab of two hosts, a cluster and a finished task: what $ctx hands the calls.
    function script:New-FunnelContext([string] $Inventory, [string[]] $Members, [string] $LabPath) {
        $env:VITOOLKIT_INVENTORY = $Inventory
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 2
        $null = New-Cluster -Name Prod -VMHost $Members
        $task = Get-VM -Server esx01 | Select-Object -First 1 | Start-VM -RunAsync
        $null = $task | Wait-Task -TimeoutSeconds 10 -ErrorAction SilentlyContinue
        @{
            Uri = $lab.Servers[0].Uri; Server = $lab.Servers[0]; Host = (Get-VMHost esx01); Other = (Get-VMHost esx02)
            VM = @(Get-VM -Server esx01)[0]; Network = @(Get-VirtualNetwork -VMHost esx01)[0]; Task = $task
            Path = $LabPath
        }
    }
    function script:Test-TypeNameId([string] $Id) {
        $first = ($Id -split ',')[0]
        $first -match '^(System|VIToolkit|Microsoft)\.' -or $first -match 'Exception$'
    }
}

AfterAll {
    $env:VITOOLKIT_INVENTORY = $script:savedInventory
}

BeforeDiscovery {
    $script:commandNames = @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../VIToolkit.psd1')).CmdletsToExport)
}

Describe 'The error funnel' -Tag 'Unit' {
    It 'has a call for every exported cmdlet' {
        $exported = @((Get-Module VIToolkit).ExportedCmdlets.Keys | Sort-Object)
        @($Calls.Keys | Sort-Object) | Should -Be $exported
    }

    Context 'with a corrupt inventory' {
        BeforeAll {
            $script:ctx = New-FunnelContext (Join-Path $TestDrive 'corrupt/inventory.json') esx01 (Join-Path $TestDrive 'lab2')
            # The store (SQLite, in the inventory's folder) is overwritten with garbage once the context is made.
            [VIToolkit.Core.Engine.VISession]::Default.Events.Flush()
            [VIToolkit.Core.Engine.VISession]::Default.Store.CloseConnections()
            $db = Join-Path (Split-Path $env:VITOOLKIT_INVENTORY) 'vitoolkit.db'
            Remove-Item -LiteralPath "$db-wal", "$db-shm" -ErrorAction Ignore
            [System.IO.File]::WriteAllBytes($db, [byte[]](1..4096 | ForEach-Object { $_ % 251 }))
        }
        AfterAll { Remove-TestLab $lab; Reset-DefaultVIServer }

        It '<Name> reports no .NET type name as an error id' -ForEach @($commandNames | ForEach-Object { @{ Name = $_ } }) {
            $ids = @(Get-ErrorId $Calls[$Name] $ctx)
            $ids | Where-Object { Test-TypeNameId $_ } | Should -BeNullOrEmpty -Because "$Name gave: $($ids -join '; ')"
            # Those that read the inventory say so with the store's id (a cluster given by name is looked up when the command
            # runs, not while its parameters are bound: ParameterArgumentTransformationError would hide the cause).
            if ($Name -in 'Get-Cluster', 'Remove-Cluster', 'New-Cluster', 'Set-VMHost', 'Set-Cluster', 'Move-VMHost',
                'Test-ClusterCompatibility', 'Get-VM', 'Get-VMHost', 'Export-VIInventory', 'Get-VIEvent') {
                ($ids -join ' ') | Should -BeLike '*StoreCorrupt*' -Because "$Name gave: $($ids -join '; ')"
            }
        }
    }

    Context 'with a host that is gone' {
        BeforeAll {
            $script:ctx = New-FunnelContext (Join-Path $TestDrive 'gone/inventory.json') esx01, esx02 (Join-Path $TestDrive 'lab3')
            # The objects above were read while esx01 answered; now its connection is gone.
            Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false
        }
        AfterAll { Remove-TestLab $lab; Reset-DefaultVIServer }

        It '<Name> reports no .NET type name as an error id' -ForEach @($commandNames | Where-Object { $_ -ne 'Connect-VIServer' } | ForEach-Object { @{ Name = $_ } }) {
            $ids = @(Get-ErrorId $Calls[$Name] $ctx)
            $ids | Where-Object { Test-TypeNameId $_ } | Should -BeNullOrEmpty -Because "$Name gave: $($ids -join '; ')"
        }

        It 'turns a Core error that escapes a command into its stable id (an invalid wildcard)' {
            { Get-VM -Name 'web[' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidWildcardPattern,VIToolkit.Commands.Inventory.GetVMCommand'
            { Get-Cluster -Name 'web[' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidWildcardPattern,VIToolkit.Commands.Clusters.GetClusterCommand'
        }

        It 'reports HostUnreachable for an action on a VM of the gone host' {
            $ids = @(Get-ErrorId $Calls['Start-VM'] $ctx)
            ($ids -join ' ') | Should -BeLike '*HostUnreachable*'
        }
    }
}
