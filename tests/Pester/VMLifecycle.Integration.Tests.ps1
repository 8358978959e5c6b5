# A real QEMU VM on a real libvirtd test host (private daemon started here): create, start, snapshot, suspend and
# resume, guest shutdown that times out (the guest has no OS), hard stop, revert, remove with its disk.
BeforeDiscovery {
    & bash (Join-Path $PSScriptRoot '../hosts/testhost.sh') can-run
    $script:canRun = $LASTEXITCODE -eq 0 -and [bool](Get-Command qemu-img -ErrorAction Ignore)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:testHost = Join-Path $PSScriptRoot '../hosts/testhost.sh'
}

Describe 'VM lifecycle on a real QEMU host' -Tag Integration {
    BeforeAll {
        if (-not $canRun) { return }
        $script:hostDir = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-qemu-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $socket = & bash $testHost start $hostDir
        if ($LASTEXITCODE -ne 0) { throw "Could not start a test host in $hostDir" }
        $script:uri = "qemu+unix:///system?socket=$socket"
        # A directory datastore for the VM's disk, made with virsh: VIToolkit has no New-Datastore yet.
        $images = Join-Path $hostDir 'images'
        $null = New-Item -ItemType Directory $images
        & virsh -q -c $uri pool-define-as images dir --target $images | Out-Null
        & virsh -q -c $uri pool-start images | Out-Null
        $script:server = Connect-VIServer $uri -Name kvm01 -NotDefault
    }
    AfterAll {
        if (-not $canRun) { return }
        if ($script:server) { Disconnect-VIServer $script:server -Confirm:$false -ErrorAction SilentlyContinue }
        & bash $testHost stop $hostDir
        Remove-Item -LiteralPath $hostDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'connects to a real QEMU host' -Skip:(-not $canRun) {
        $server.HypervisorType | Should -Be 'QEMU'
        $server.Simulated | Should -BeFalse
        (Get-VMHost kvm01 -Server $server).Uuid | Should -Not -BeNullOrEmpty
    }

    It 'creates a VM with a disk volume and starts it' -Skip:(-not $canRun) {
        $vm = New-VM -Name itest01 -VMHost kvm01 -Server $server -MemoryMB 64 -NumCpu 1 -Datastore images -DiskGB 1 -Notes 'integration <&>'
        $vm.PowerState | Should -Be 'PoweredOff'
        Test-Path (Join-Path $hostDir 'images/itest01.qcow2') | Should -BeTrue
        $started = $vm | Start-VM
        $started.PowerState | Should -Be 'PoweredOn'
        $started.Notes | Should -Be 'integration <&>'
        (Get-VMConsole itest01 -Server $server).Port | Should -BeGreaterThan 5899
    }

    It 'takes a snapshot of the running VM' -Skip:(-not $canRun) {
        $snap = New-Snapshot -VM itest01 -Server $server -Name before-patch -Description 'patch window'
        $snap.Name | Should -Be 'before-patch'
        $snap.PowerState | Should -Be 'PoweredOn'
        @(Get-Snapshot -VM itest01 -Server $server).Name | Should -Be @('before-patch')
    }

    It 'suspends and resumes' -Skip:(-not $canRun) {
        (Suspend-VM itest01 -Server $server).PowerState | Should -Be 'Suspended'
        (Start-VM itest01 -Server $server).PowerState | Should -Be 'PoweredOn'
    }

    It 'reports a guest that ignores the shutdown request, and leaves it running' -Skip:(-not $canRun) {
        Stop-VMGuest itest01 -Server $server -TimeoutSeconds 2 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'GuestShutdownTimeout,VIToolkit.Commands.VMs.StopVMGuestCommand'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        (Get-VM itest01 -Server $server).PowerState | Should -Be 'PoweredOn'
    }

    It 'powers off hard, reverts to the snapshot, and removes the VM with its disk' -Skip:(-not $canRun) {
        (Stop-VM itest01 -Server $server -Confirm:$false).PowerState | Should -Be 'PoweredOff'
        (Set-VM itest01 -Server $server -Snapshot before-patch -Confirm:$false).PowerState | Should -Be 'PoweredOn'
        Remove-VM itest01 -Server $server -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidVMState,VIToolkit.Commands.VMs.RemoveVMCommand'
        Stop-VM itest01 -Server $server -Confirm:$false | Out-Null
        Get-Snapshot -VM itest01 -Server $server | Remove-Snapshot -Confirm:$false
        Remove-VM itest01 -Server $server -DeletePermanently -Confirm:$false
        Get-VM -Server $server | Should -BeNullOrEmpty
        Test-Path (Join-Path $hostDir 'images/itest01.qcow2') | Should -BeFalse
    }
}
