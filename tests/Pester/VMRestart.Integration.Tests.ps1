# Restart-VM and Restart-VMGuest on a real QEMU host (a private daemon started here), where the difference is the
# guest's: a reset (virDomainReset) restarts the machine whatever runs in it; a guest reboot (virDomainReboot, no guest
# agent) presses the ACPI power button and leaves the rest to the guest. These guests have no OS: they idle in the BIOS
# and ignore the button. What shows from outside which of the two happened:
# - boots: QEMU writes SeaBIOS's log to a file (its debug console); every boot writes one 'BUILD:' line there;
# - the power button: QEMU traces qemu_system_powerdown_request to another file each time it is pressed.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../hosts/TestHosts.psm1') -Force
    $script:canRun = Test-TestHostSupport
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../hosts/TestHosts.psm1') -Force
    Import-VIToolkitUnderTest

    function script:Get-BootCount([string] $Name) {
        $log = Join-Path $testHost.Dir "$Name.bios.log"
        if (-not (Test-Path -LiteralPath $log)) { return 0 }
        @(Select-String -LiteralPath $log -Pattern '^BUILD:').Count
    }
    function script:Get-PowerButtonCount([string] $Name) {
        $trace = Join-Path $testHost.Dir "$Name.trace.log"
        if (-not (Test-Path -LiteralPath $trace)) { return 0 }
        @(Select-String -LiteralPath $trace -Pattern 'qemu_system_powerdown_request').Count
    }
    # QEMU writes its trace when it handles the request; give the file a moment to show it.
    function script:Wait-PowerButton([string] $Name, [int] $Count) {
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        while ((Get-PowerButtonCount $Name) -lt $Count -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-PowerButtonCount $Name
    }
    # Waits until the guest has booted $Count times and SeaBIOS has finished that boot (it found nothing to boot).
    function script:Wait-Boot([string] $Name, [int] $Count, [double] $TimeoutSeconds = 30) {
        $log = Join-Path $testHost.Dir "$Name.bios.log"
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
        do {
            if ((Get-BootCount $Name) -ge $Count -and
                @(Select-String -LiteralPath $log -Pattern '^No bootable device').Count -ge $Count) { return $true }
            Start-Sleep -Milliseconds 100
        } while ([datetime]::UtcNow -lt $deadline)
        $false
    }
    function script:New-ObservedGuest([string] $Name) {
        New-TestGuest -TestHost $testHost -Name $Name -BiosLogPath (Join-Path $testHost.Dir "$Name.bios.log") `
            -TracePath (Join-Path $testHost.Dir "$Name.trace.log")
        Wait-Boot $Name 1 | Should -BeTrue -Because "$Name boots once when it starts"
    }
}

Describe 'Restart-VM and Restart-VMGuest on a real QEMU host' -Tag Integration {
    BeforeAll {
        if (-not $canRun) { return }
        $script:testHost = Start-TestHost -Count 1 -Prefix restart
        $script:server = Connect-VIServer $testHost.Uri -Name $testHost.Name -NotDefault
    }
    AfterAll {
        if (-not $canRun) { return }
        if ($script:server) { Disconnect-VIServer $script:server -Confirm:$false -ErrorAction SilentlyContinue }
        $testHost | Stop-TestHost
        Remove-Item -LiteralPath $testHost.Root -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'Restart-VM resets the machine: it boots again, and no power button was pressed' -Skip:(-not $canRun) {
        New-ObservedGuest reset01
        $started = [datetime]::UtcNow
        $out = Restart-VM reset01 -Server $server -Confirm:$false -ErrorAction Stop
        "$($out.PowerState)" | Should -Be 'PoweredOn'
        Wait-Boot reset01 2 | Should -BeTrue -Because 'a reset restarts the machine even when its guest ignores ACPI'
        $script:bootSeconds = ([datetime]::UtcNow - $started).TotalSeconds
        Get-BootCount reset01 | Should -Be 2
        Get-PowerButtonCount reset01 | Should -Be 0
        "$((Get-VM reset01 -Server $server).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'Restart-VMGuest presses the power button and leaves the machine to its guest, which ignores it here' -Skip:(-not $canRun) {
        New-ObservedGuest reboot01
        $out = Restart-VMGuest reboot01 -Server $server -Confirm:$false -ErrorAction Stop
        "$($out.PowerState)" | Should -Be 'PoweredOn'
        Wait-PowerButton reboot01 1 | Should -Be 1
        # Long enough for a reset to show: several times what the reset above took to boot again.
        $window = [math]::Max(3, 3 * $(if ($script:bootSeconds) { $script:bootSeconds } else { 3 }))
        Wait-Boot reboot01 2 -TimeoutSeconds $window | Should -BeFalse -Because 'nothing restarts the machine of a guest that ignores ACPI'
        Get-BootCount reboot01 | Should -Be 1
        "$((Get-VM reboot01 -Server $server).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'Restart-VM -RunAsync resets too' -Skip:(-not $canRun) {
        New-ObservedGuest resetasync01
        $task = Restart-VM resetasync01 -Server $server -RunAsync -Confirm:$false
        $null = Wait-Task $task -ErrorAction Stop
        "$($task.State)" | Should -Be 'Success'
        Wait-Boot resetasync01 2 | Should -BeTrue
        Get-PowerButtonCount resetasync01 | Should -Be 0
    }

    It 'Restart-VMGuest -RunAsync presses the power button too' -Skip:(-not $canRun) {
        New-ObservedGuest rebootasync01
        $task = Restart-VMGuest rebootasync01 -Server $server -RunAsync -Confirm:$false
        $null = Wait-Task $task -ErrorAction Stop
        "$($task.State)" | Should -Be 'Success'
        Wait-PowerButton rebootasync01 1 | Should -Be 1
        Get-BootCount rebootasync01 | Should -Be 1
    }
}
