# Connections to a real daemon (a private libvirtd started here, serving its test driver over a unix socket) leave
# nothing behind when closed: each open connection is a socket in this process and a client of the daemon, so a leaked
# one shows in /proc/PID/fd and in the daemon's client list (virt-admin). The test driver inside this process has no
# socket and no close callback; BindingTests' ConnectionLeakTests counts the rest there (native heap, finalizers).
BeforeDiscovery {
    & bash (Join-Path $PSScriptRoot '../hosts/testhost.sh') can-run
    $script:canRun = $LASTEXITCODE -eq 0
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:testHost = Join-Path $PSScriptRoot '../hosts/testhost.sh'
    function script:Get-OpenFileCount { @(Get-ChildItem -LiteralPath "/proc/$PID/fd" -ErrorAction SilentlyContinue).Count }
    function script:Get-DaemonClientCount {
        $lines = & virt-admin -q -c "libvirtd:///system?socket=$hostDir/run/libvirt-admin-sock" srv-clients-list libvirtd 2>&1
        if ($LASTEXITCODE -ne 0) { throw "virt-admin failed: $lines" }
        @($lines | Where-Object { "$_".Trim() }).Count
    }
}

Describe 'Connections to a daemon, opened and closed many times' -Tag Integration {
    BeforeAll {
        if (-not $canRun) { return }
        $script:hostDir = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-leak-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $socket = & bash $testHost start $hostDir
        if ($LASTEXITCODE -ne 0) { throw "Could not start a test host in $hostDir" }
        $script:uri = "test+unix:///default?socket=$socket"
    }
    AfterAll {
        if (-not $canRun) { return }
        & bash $testHost stop $hostDir
        Remove-Item -LiteralPath $hostDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'leave no socket open in this process and no client on the daemon' -Skip:(-not $canRun) {
        function Invoke-Cycle([int] $Count) {
            foreach ($i in 1..$Count) {
                $server = Connect-VIServer $uri -Name "leak$i" -NotDefault -ReadOnly:($i % 2 -eq 0) -ErrorAction Stop
                @(Get-VM -Server $server).Name | Should -Contain 'test'
                Disconnect-VIServer $server -Confirm:$false
            }
        }
        Invoke-Cycle 5 # warm-up: libvirt's event loop and the runtime open what they keep
        $files = Get-OpenFileCount
        $clients = Get-DaemonClientCount
        Invoke-Cycle 100
        # One socket per leaked connection would be 100; a little slack for the runtime's own descriptors.
        (Get-OpenFileCount) - $files | Should -BeLessOrEqual 3
        Get-DaemonClientCount | Should -Be $clients
        $clients | Should -Be 0 -Because 'no connection of this process is open between the cycles'
    }
}
