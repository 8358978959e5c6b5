BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-VIEvent'
    Enter-PrivateInventory
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'Get-VIEvent parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        Get-OwnParameterName $CommandName | Should -Be @('Entity', 'Finish', 'MaxSamples', 'Start', 'Types', 'Username')
    }

    It 'takes entities from the pipeline' {
        (Get-Command $CommandName).Parameters['Entity'].Attributes.ValueFromPipeline | Should -Contain $true
    }
}

Describe 'Get-VIEvent on a lab (issue 11)' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 3 -PowerState PoweredOff
        $null = Use-PrivateInventory 'events'
        $script:before = (Get-Date).ToUniversalTime().AddSeconds(-1)
        $script:vm = @(Get-VM -Server esx01 | Sort-Object Name)[0]
        $script:other = @(Get-VM -Server esx02 | Sort-Object Name)[0]
        $null = Start-VM $vm
        $null = Stop-VM $vm -Confirm:$false
        $null = Start-VM $other
        $null = New-Cluster -Name Prod -VMHost esx01, esx02
        $null = New-Snapshot -VM $other -Name before-patch
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'records each change as an event with its type, entity, host, user and message, newest first' {
        $events = @(Get-VM $vm.Name | Get-VIEvent)
        @($events.Type) | Should -Be @('VmPoweredOffEvent', 'VmPoweredOnEvent')
        $events[0].EntityType | Should -Be 'VirtualMachine'
        $events[0].EntityName | Should -Be $vm.Name
        $events[0].EntityId | Should -Be $vm.Id
        $events[0].Host | Should -Be 'esx01'
        $events[0].UserName | Should -Be ([Environment]::UserName)
        $events[0].FullFormattedMessage | Should -BeLike "*$($vm.Name)*esx01*powered off*"
        $events[0].Key | Should -BeGreaterThan $events[1].Key
        $events[0].CreatedTime | Should -BeGreaterOrEqual $before
        $events[0].CreatedTime.Kind | Should -Be 'Utc'
    }

    It 'filters by type, by category, by host (with its VMs), by cluster and by name' {
        @(Get-VIEvent -Types VmPoweredOnEvent).EntityName | Should -Be @($other.Name, $vm.Name)
        @(Get-VIEvent -Types VmSnapshotCreatedEvent).FullFormattedMessage | Should -BeLike "*before-patch*$($other.Name)*"
        @(Get-VIEvent -Types Error) | Should -BeNullOrEmpty
        @(Get-VIEvent -Types Info).Count | Should -Be @(Get-VIEvent).Count
        @(Get-VMHost esx02 | Get-VIEvent).Type | Should -Be @('VmSnapshotCreatedEvent', 'VmPoweredOnEvent')
        @(Get-Cluster Prod | Get-VIEvent).Type | Should -Contain 'ClusterCreatedEvent'
        @(Get-VIEvent -Entity 'Prod').Type | Should -Contain 'ClusterCreatedEvent'
        @(Get-VIEvent -Username 'nobody-of-that-name') | Should -BeNullOrEmpty
    }

    It 'filters by time' {
        @(Get-VIEvent -Start (Get-Date).AddMinutes(5)) | Should -BeNullOrEmpty
        @(Get-VIEvent -Finish $before.AddMinutes(-5)) | Should -BeNullOrEmpty
        @(Get-VIEvent -Start $before -Finish (Get-Date).AddMinutes(1)).Count | Should -Be @(Get-VIEvent).Count
        { Get-VIEvent -Start (Get-Date) -Finish (Get-Date).AddDays(-1) -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidTimeRange,VIToolkit.Commands.Store.GetVIEventCommand'
    }

    It 'returns every match without -MaxSamples, and says so when -MaxSamples cuts the result' {
        $all = @(Get-VIEvent)
        $all.Count | Should -BeGreaterOrEqual 5
        $cut = @(Get-VIEvent -MaxSamples 2 -WarningVariable warnings -WarningAction SilentlyContinue)
        $cut.Key | Should -Be @($all[0].Key, $all[1].Key)
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*More events match*'
        $null = Get-VIEvent -MaxSamples $all.Count -WarningVariable none -WarningAction SilentlyContinue
        $none.Count | Should -Be 0
    }

    It 'records a move with its type and how it went' {
        $moved = Move-VM $vm -Destination esx02 -MigrationType Offline
        $event = @(Get-VIEvent -Entity $moved -Types VmRelocatedEvent)[0]
        $event.Data['source'] | Should -Be 'esx01'
        $event.Data['destination'] | Should -Be 'esx02'
        $event.Data['type'] | Should -Be 'Offline'
        $event.Host | Should -Be 'esx02'
    }

    It 'is seen by another process that shares the store' {
        $child = Invoke-ChildPwsh -Command "Import-Module '$(Get-ModuleUnderTestPath)'; (Get-VIEvent -Entity '$($vm.Name)' -Types VmPoweredOnEvent).Key"
        $child.ExitCode | Should -Be 0 -Because $child.StdErr
        [long]($child.StdOut -join '').Trim() | Should -Be (Get-VIEvent -Entity $vm.Name -Types VmPoweredOnEvent).Key
    }

    It 'writes InvalidEntity for an object that is no entity, and still answers for the others' {
        $out = @(Get-VIEvent -Entity 42, $vm.Name -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidEntity,VIToolkit.Commands.Store.GetVIEventCommand'
        $out.Count | Should -BeGreaterThan 0
    }

    It 'fits 80 columns' {
        $text = Get-VIEvent | Out-String -Width 80
        foreach ($line in $text -split "`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }
}
