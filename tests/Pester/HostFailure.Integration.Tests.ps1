# A real libvirtd (private, started by this test) serving its test driver over a unix socket: the connection is a
# genuine client/daemon one, with keepalive and a close callback. Killing the daemon must turn the host
# NotResponding, and reads across hosts must go on for the others with one HostUnreachable error.
BeforeDiscovery {
    $script:testHost = Join-Path $PSScriptRoot '../hosts/testhost.sh'
    & bash $script:testHost can-run
    $script:canRun = $LASTEXITCODE -eq 0
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:testHost = Join-Path $PSScriptRoot '../hosts/testhost.sh'
}

Describe 'A host whose daemon dies while connected' -Tag Integration {
    BeforeAll {
        if (-not $canRun) { return }
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 3 -NotDefault
        $script:hostDir = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-daemon-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $socket = & bash $testHost start $hostDir
        if ($LASTEXITCODE -ne 0) { throw "Could not start a test host in $hostDir" }
        $script:daemon = Connect-VIServer "test+unix:///default?socket=$socket" -Name daemonhost -NotDefault
    }
    AfterAll {
        if (-not $canRun) { return }
        if ($script:daemon) { Disconnect-VIServer $script:daemon -Confirm:$false -ErrorAction SilentlyContinue }
        Remove-TestLab $script:lab
        & bash $testHost stop $hostDir
        Remove-Item -LiteralPath $hostDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'answers while the daemon runs' -Skip:(-not $canRun) {
        $daemon.IsConnected | Should -BeTrue
        @(Get-VM -Server $daemon).Name | Should -Contain 'test'
        $script:daemonVm = Get-VM test -Server $daemon
    }

    It 'turns NotResponding when the daemon is killed, and reads go on for the other hosts' -Skip:(-not $canRun) {
        & bash $testHost kill $hostDir
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ($daemon.ConnectionState -eq 'Connected' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $daemon.ConnectionState | Should -Be 'NotResponding'

        $vms = Get-VM -Server ($lab.Servers + $daemon) -ErrorVariable errors -ErrorAction SilentlyContinue
        $vms.Count | Should -Be 6
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'HostUnreachable,VIToolkit.Commands.Inventory.GetVMCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errors[0].TargetObject.Name | Should -Be 'daemonhost'

        $hostView = Get-VMHost daemonhost -Server $daemon
        $hostView.ConnectionState | Should -Be 'NotResponding'
        $hostView.PowerState | Should -Be 'Unknown'
    }

    It 'fails only the actions on the dead host during a bulk operation' -Skip:(-not $canRun) {
        $targets = @(Get-VM -Server $lab.Servers | Where-Object PowerState -eq PoweredOn) + $daemonVm
        $out = $targets | Stop-VM -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        @($out).Count | Should -Be ($targets.Count - 1)
        @($out | Where-Object PowerState -ne 'PoweredOff').Count | Should -Be 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'HostUnreachable,VIToolkit.Commands.VMs.StopVMCommand'
        $errors[0].TargetObject.Name | Should -Be 'test'
    }

    It 'reconnects once the daemon is back' -Skip:(-not $canRun) {
        $socket = & bash $testHost start $hostDir
        $again = Connect-VIServer "test+unix:///default?socket=$socket" -Name daemonhost -NotDefault
        $again.IsConnected | Should -BeTrue
        $again | Should -Not -Be $daemon
        @(Get-VM -Server $again).Name | Should -Contain 'test'
        $script:daemon = $again
    }
}
