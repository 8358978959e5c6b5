<#
.SYNOPSIS
    Patch window for a set of VMs: snapshot, graceful shutdown, start, verify, then drop the snapshot — or roll back.
.DESCRIPTION
    For each VM, in order:
      1. New-Snapshot <prefix>-<timestamp> (the way back).
      2. Stop-VMGuest, waiting up to -ShutdownTimeoutSeconds; a guest that ignores it is powered off hard only
         with -ForceOff, otherwise the VM is left alone and reported.
      3. Start-VM.
      4. Verify: the VM is PoweredOn, and -HealthCheck (a script block given the VM) returns $true.
      5. Healthy: Remove-Snapshot. Unhealthy: Set-VM -Snapshot (revert), and the snapshot is kept for inspection.
    VMs that are not powered on are skipped. One report object per VM (Result: Patched, RolledBack, Failed or
    Skipped); a failure on one VM never stops the others. Supports -WhatIf.
.EXAMPLE
    ./Invoke-PatchWindow.ps1 -VM (Get-VM web*) -HealthCheck { param($vm) Test-Connection $vm.Name -Count 1 -Quiet }
.EXAMPLE
    Get-VMHost esx02 | Get-VM | Where-Object PowerState -eq PoweredOn | ./Invoke-PatchWindow.ps1 -ForceOff -WhatIf
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
param(
    [Parameter(Mandatory, ValueFromPipeline)]
    [object[]] $VM,

    [scriptblock] $HealthCheck = { param($vm) $true },

    [ValidateRange(0, 3600)]
    [int] $ShutdownTimeoutSeconds = 120,

    [switch] $ForceOff,

    [string] $SnapshotPrefix = 'patch'
)
begin {
    $stamp = (Get-Date).ToUniversalTime().ToString('yyyyMMddTHHmmssZ')
    $snapshotName = "$SnapshotPrefix-$stamp"
}
process {
    foreach ($target in $VM) {
        $vm = if ($target -is [string]) { Get-VM -Name $target -ErrorAction Stop } else { $target }
        foreach ($one in @($vm)) {
            $report = [ordered]@{ VM = $one.Name; VMHost = $one.VMHostName; Snapshot = $snapshotName; Result = 'Skipped'; Detail = $null }
            if ($one.PowerState -ne 'PoweredOn') {
                # A patch window restarts running services; a VM that is off or suspended is left as it is.
                $report.Detail = "VM is $($one.PowerState)"
                [pscustomobject]$report
                continue
            }
            if (-not $PSCmdlet.ShouldProcess("VM '$($one.Name)' on '$($one.VMHostName)'", 'Patch window: snapshot, restart, verify')) {
                $report.Detail = 'WhatIf or declined'
                [pscustomobject]$report
                continue
            }
            try {
                $null = New-Snapshot -VM $one -Name $snapshotName -Description "Taken by Invoke-PatchWindow before patching" -ErrorAction Stop
                $null = Stop-VMGuest -VM $one -TimeoutSeconds $ShutdownTimeoutSeconds -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable shutdownError
                if ($shutdownError) {
                    if (-not $ForceOff) { throw "guest did not shut down: $($shutdownError[0].Exception.Message)" }
                    $null = Stop-VM -VM $one -Confirm:$false -ErrorAction Stop
                    $report.Detail = 'guest ignored shutdown; powered off hard'
                }
                $started = Start-VM -VM $one -Confirm:$false -ErrorAction Stop
                $healthy = $started.PowerState -eq 'PoweredOn' -and [bool](& $HealthCheck $started)
                if ($healthy) {
                    Get-Snapshot -VM $started -Name $snapshotName -ErrorAction Stop | Remove-Snapshot -Confirm:$false -ErrorAction Stop
                    $report.Result = 'Patched'
                } else {
                    $null = Set-VM -VM $started -Snapshot $snapshotName -Confirm:$false -ErrorAction Stop
                    $report.Result = 'RolledBack'
                    $report.Detail = 'health check failed; reverted to the snapshot (kept)'
                }
            } catch {
                $report.Result = 'Failed'
                $report.Detail = $_.Exception.Message
                Write-Error -ErrorRecord $_ -ErrorAction Continue
            }
            [pscustomobject]$report
        }
    }
}
