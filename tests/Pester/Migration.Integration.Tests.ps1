# Move-VM, tasks and maintenance mode on three real libvirtd + QEMU test hosts (private daemons started here):
# live moves, moves to a cluster, -RunAsync, cancellation, the destination or the source daemon dying mid-move, and
# evacuation. After every fault the guest must run on exactly one host, counted with virsh on every host.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../hosts/TestHosts.psm1') -Force
    $script:canRun = Test-TestHostSupport
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../hosts/TestHosts.psm1') -Force
    Import-VIToolkitUnderTest
}

Describe 'Move-VM on real QEMU hosts' -Tag Integration {
    BeforeAll {
        if (-not $canRun) { return }
        $script:savedInventory = $env:VITOOLKIT_INVENTORY
        $env:VITOOLKIT_INVENTORY = Join-Path $TestDrive 'inventory.json'
        Reset-DefaultVIServer
        $script:testHosts = @(Start-TestHost -Count 3)
        $script:servers = foreach ($h in $testHosts) { Connect-VIServer $h.Uri -Name $h.Name }
        function script:Slow([string] $Name, [int] $MiBps = 1) {
            # A low bandwidth cap keeps the move going long enough to interrupt it.
            $from = $testHosts | Where-Object Name -eq (Get-VM $Name).VMHostName
            & virsh -q -c $from.Uri migrate-setspeed $Name $MiBps | Out-Null
        }
        function script:Wait-Job([string] $Name, [string] $OnHost) {
            $h = $testHosts | Where-Object Name -eq $OnHost
            foreach ($i in 1..100) {
                $info = & virsh -q -c $h.Uri domjobinfo $Name 2>$null
                if ("$info" -match 'Unbounded|Bounded') { return $true }
                Start-Sleep -Milliseconds 50
            }
            $false
        }
    }
    AfterAll {
        if (-not $canRun) { return }
        Disconnect-VIServer * -Confirm:$false -ErrorAction SilentlyContinue
        $testHosts | Stop-TestHost
        Remove-Item -LiteralPath $testHosts[0].Root -Recurse -Force -ErrorAction SilentlyContinue
        $env:VITOOLKIT_INVENTORY = $savedInventory
        Reset-DefaultVIServer
    }

    It 'moves a running VM live and returns it on the destination with the migration facts' -Skip:(-not $canRun) {
        New-TestGuest -TestHost $testHosts[0] -Name live01 -MemoryMiB 128
        $moved = Get-VM live01 | Move-VM -Destination (Get-VMHost kvm02) -Confirm:$false
        $moved.VMHostName | Should -Be 'kvm02'
        "$($moved.PowerState)" | Should -Be 'PoweredOn'
        "$($moved.Migration.Type)" | Should -Be 'Live'
        $moved.Migration.DowntimeMs | Should -BeGreaterThan 0
        $moved.Migration.BytesTransferred | Should -BeGreaterThan 0
        $moved.Migration.PoweredOffForMove | Should -BeFalse
        Get-RunningCopy -TestHost $testHosts -Name live01 | Should -Be @('kvm02')
        # Undefined on the source, persistent on the destination.
        & virsh -q -c $testHosts[0].Uri dominfo live01 2>$null | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        (& virsh -q -c $testHosts[1].Uri dominfo live01) -match 'Persistent:\s+yes' | Should -Not -BeNullOrEmpty
    }

    It 'moves a powered-off VM offline and says so' -Skip:(-not $canRun) {
        New-TestGuest -TestHost $testHosts[0] -Name cold01 -NoStart
        $moved = Move-VM cold01 -Destination kvm03 -Confirm:$false
        $moved.VMHostName | Should -Be 'kvm03'
        "$($moved.Migration.Type)" | Should -Be 'Offline'
        "$($moved.PowerState)" | Should -Be 'PoweredOff'
        @(Get-VM cold01).VMHostName | Should -Be @('kvm03')
    }

    It 'refuses a live move of a powered-off VM' -Skip:(-not $canRun) {
        { Move-VM cold01 -Destination kvm01 -MigrationType Live -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'LiveMigrationNotPossible,VIToolkit.Commands.Migration.MoveVMCommand'
        @(Get-VM cold01).VMHostName | Should -Be @('kvm03')
    }

    It 'runs moves as tasks with -RunAsync; Wait-Task re-emits the moved VMs' -Skip:(-not $canRun) {
        New-TestGuest -TestHost $testHosts[0] -Name async01
        New-TestGuest -TestHost $testHosts[0] -Name async02
        $tasks = @(Get-VM async0* | Move-VM -Destination kvm02 -RunAsync -Confirm:$false)
        $tasks.Count | Should -Be 2
        $tasks | ForEach-Object { $_ | Should -BeOfType ([VIToolkit.Core.Tasks.VITask]) }
        $vms = @($tasks | Wait-Task -TimeoutSeconds 120)
        $vms.Name | Should -Be @('async01', 'async02')
        $vms.VMHostName | Should -Be @('kvm02', 'kvm02')
        @(Get-Task -Id $tasks.Id).State | ForEach-Object { "$_" | Should -Be 'Success' }
        Get-RunningCopy -TestHost $testHosts -Name async01 | Should -Be @('kvm02')
    }

    It 'lets placement choose a host of a cluster, never the source' -Skip:(-not $canRun) {
        $null = New-Cluster -Name Prod -VMHost (Get-VMHost kvm01, kvm02, kvm03)
        New-TestGuest -TestHost $testHosts[0] -Name placed01
        $moved = Move-VM placed01 -Destination (Get-Cluster Prod) -Confirm:$false
        $moved.VMHostName | Should -BeIn @('kvm02', 'kvm03')
        @(Get-RunningCopy -TestHost $testHosts -Name placed01).Count | Should -Be 1
    }

    It 'refuses a VM already being moved, and Stop-Task cancels a move: the VM stays on its source' -Skip:(-not $canRun) {
        New-TestGuest -TestHost $testHosts[0] -Name cancel01 -MemoryMiB 256
        Slow cancel01
        $task = Move-VM cancel01 -Destination kvm02 -RunAsync -Confirm:$false
        Wait-Job cancel01 kvm01 | Should -BeTrue
        { Move-VM cancel01 -Destination kvm03 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'VMMigrationInProgress,*'
        Stop-Task $task -Confirm:$false
        $null = $task | Wait-Task -TimeoutSeconds 60 -ErrorAction SilentlyContinue -ErrorVariable failed
        "$($task.State)" | Should -Be 'Cancelled' -Because "$($task.Error.ErrorId): $($task.Error.Message)"
        $task.Error.ErrorId | Should -Be 'MigrationCancelled'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'MigrationCancelled,*'
        Get-RunningCopy -TestHost $testHosts -Name cancel01 | Should -Be @('kvm01')
        "$((Get-VM cancel01).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'keeps the VM on its source when the destination daemon dies mid-move' -Skip:(-not $canRun) {
        New-TestGuest -TestHost $testHosts[0] -Name destdies01 -MemoryMiB 256
        Slow destdies01
        $task = Move-VM destdies01 -Destination kvm03 -RunAsync -Confirm:$false
        Wait-Job destdies01 kvm01 | Should -BeTrue
        Stop-TestHostDaemon $testHosts[2]
        $null = $task | Wait-Task -TimeoutSeconds 90 -ErrorAction SilentlyContinue
        "$($task.State)" | Should -Be 'Error'
        $task.Error.ErrorId | Should -Be 'MigrationFailed'
        $task.Error.Message | Should -Match "still runs on 'kvm01'"
        Restart-TestHost $testHosts[2]
        try {
            # The restarted daemon drops the half-made (paused, incoming) guest; on a loaded machine that took over 2 s.
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (@(Get-RunningCopy -TestHost $testHosts -Name destdies01).Count -gt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 250 }
            Get-RunningCopy -TestHost $testHosts -Name destdies01 | Should -Be @('kvm01')
        }
        finally {
            # Reconnect whatever happened, so that a failure here does not cascade into the next tests.
            Disconnect-VIServer $servers[2] -Confirm:$false -Force -ErrorAction SilentlyContinue
            $script:servers[2] = Connect-VIServer $testHosts[2].Uri -Name kvm03
        }
        "$($servers[0].ConnectionState)" | Should -Be 'Connected'   # the source's own connection was never in doubt
    }

    It 'keeps the VM running on its source when the source daemon dies mid-move (libvirt reattaches)' -Skip:(-not $canRun) {
        New-TestGuest -TestHost $testHosts[0] -Name srcdies01 -MemoryMiB 256
        Slow srcdies01
        $task = Move-VM srcdies01 -Destination kvm02 -RunAsync -Confirm:$false
        Wait-Job srcdies01 kvm01 | Should -BeTrue
        Stop-TestHostDaemon $testHosts[0]
        $null = $task | Wait-Task -TimeoutSeconds 90 -ErrorAction SilentlyContinue
        "$($task.State)" | Should -Be 'Error'
        Restart-TestHost $testHosts[0]
        Start-Sleep -Seconds 3
        Get-RunningCopy -TestHost $testHosts -Name srcdies01 | Should -Be @('kvm01')
        Disconnect-VIServer $servers[0] -Confirm:$false -Force -ErrorAction SilentlyContinue
        $script:servers[0] = Connect-VIServer $testHosts[0].Uri -Name kvm01
        "$((Get-VM srcdies01 -Server $servers[0]).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'evacuates a host into maintenance mode, and placement then avoids it' -Skip:(-not $canRun) {
        foreach ($n in 'evac01', 'evac02', 'evac03') { New-TestGuest -TestHost $testHosts[0] -Name $n }
        $running = @(Get-VM -Server $servers[0] | Where-Object PowerState -eq PoweredOn).Name
        $running.Count | Should -BeGreaterOrEqual 3
        $h = Set-VMHost kvm01 -State Maintenance -Evacuate -Confirm:$false
        "$($h.ConnectionState)" | Should -Be 'Maintenance'
        @(Get-VM -Server $servers[0] | Where-Object PowerState -eq PoweredOn).Count | Should -Be 0
        foreach ($n in $running) { @(Get-RunningCopy -TestHost $testHosts -Name $n) | Should -Not -Contain 'kvm01' }
        (Get-Cluster Prod).MaintenanceHosts | Should -Be @('kvm01')
        $back = Move-VM evac01 -Destination (Get-Cluster Prod) -Confirm:$false
        $back.VMHostName | Should -Not -Be 'kvm01'
        "$((Set-VMHost kvm01 -State Connected -Confirm:$false).ConnectionState)" | Should -Be 'Connected'
    }
}
