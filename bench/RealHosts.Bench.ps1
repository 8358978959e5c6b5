<#
.SYNOPSIS
    Read paths on REAL libvirtd hosts (private test hosts over unix sockets, tests/hosts/TestHosts.psm1), where every
    libvirt call is an RPC round trip that the in-process test driver hides. Each figure is printed beside its
    reference, measured in the same run:
    0. Round-trip cost of a trivial call (C, bench/raw/realhosts_raw.c), one thread and several sharing a connection;
       which fields virDomainListGetStats(STATE|BALLOON|VCPU) returns for inactive and running domains, and what that
       call costs for running against defined VMs.
    1. Get-VM over HostCount hosts x VMsPerHost defined (not started) VMs: all, a wildcard matching 10 %, and an exact
       name; against the C reference (one thread per host) making the same calls as Get-VM (ListAllDomains x4, one
       virDomainListGetStats for the inactive VMs, GetInfo per running VM, descriptions); for comparison also
       per-domain calls (what Get-VM did until stop 7), stats for the running VMs too (they ask QEMU: see 0.), and the
       same calls with what VIToolkit runs beside them: libvirt's event loop on its own thread and keepalive (HA's
       failure detection needs both; with an event loop registered, libvirt's client wakes it on every call).
       Targets: all <= 1.5x C; wildcard <= 1.5x C + 5 ms; exact < 10 ms per call.
    2. Test-VMMigration of a running VM from the first host to the second (which has VMsPerHost VMs). Target <= 30 ms.
    3. Evacuation planning: Set-VMHost <first> -State Maintenance -Evacuate -WhatIf with EvacuateCount running VMs and
       2 destination hosts. Target <= 500 ms.
    Needs root (test hosts run in mount namespaces); prints "skipped: <reason>" and exits 0 otherwise. Every daemon it
    starts is stopped by PID in `finally`.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/VIToolkit/VIToolkit.psd1'),
    [int] $HostCount = 3,
    [int] $VMsPerHost = 300,
    [int] $EvacuateCount = 24,
    [int] $Repeats = 7,
    # vm100..vm129 of vm001..vm300: 10 %.
    [string] $Pattern = 'vm1[0-2]?',
    # Evacuation planning is repeated until Repeats runs or this budget is spent (at least 3 runs, the first one the
    # verification run).
    [int] $EvacuateBudgetSeconds = 30
)
$ErrorActionPreference = 'Stop'
$benchStart = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../tests/hosts/TestHosts.psm1') -Force

function Get-SkipReason {
    if ((& id -u) -ne '0') { return 'not root (test hosts run libvirtd in private mount namespaces)' }
    if (-not (Get-Command unshare -ErrorAction Ignore)) { return 'unshare (util-linux) is missing' }
    if (-not (Test-Path /usr/sbin/libvirtd)) { return '/usr/sbin/libvirtd is missing (libvirt-daemon, libvirt-daemon-driver-qemu)' }
    if (-not (& getent passwd libvirt-qemu)) { return 'the system user libvirt-qemu does not exist (the QEMU driver needs it)' }
    if (-not (Get-Command qemu-system-x86_64 -ErrorAction Ignore)) { return 'qemu-system-x86_64 is missing (qemu-system-x86)' }
    return $null
}
$reason = Get-SkipReason
if ($reason -or -not (Test-TestHostSupport)) {
    if (-not $reason) { $reason = 'tests/hosts/testhost.sh can-run says this machine cannot run test hosts' }
    Write-Host "RealHosts bench skipped: $reason"
    exit 0
}
if ($HostCount -lt 3) { throw '-HostCount must be at least 3 (the evacuation plan needs 2 destinations).' }

$work = Join-Path ([System.IO.Path]::GetTempPath()) "vitoolkit-bench-realhosts-$PID"
$null = New-Item -ItemType Directory -Force $work
$env:VITOOLKIT_INVENTORY = Join-Path $work 'inventory.json'   # before the module first touches the inventory
Import-Module $ModulePath -Force

$testHosts = @()
$rawServers = @()
$hostsRoot = Join-Path $work 'hosts'
$runspace = $null
try {
    $raw = Join-Path $work 'realhosts_raw'
    & gcc -O2 -pthread -o $raw (Join-Path $PSScriptRoot 'raw/realhosts_raw.c') -lvirt
    if ($LASTEXITCODE -ne 0) { throw 'Could not compile bench/raw/realhosts_raw.c (needs gcc and libvirt-dev).' }
    function Invoke-Raw([string[]] $Arguments, [string] $Expect) {
        $out = & $raw @Arguments
        if ($LASTEXITCODE -ne 0 -or "$out" -notmatch $Expect) { throw "realhosts_raw $($Arguments[0]) failed: $out" }
        $figures = @{}
        foreach ($m in [regex]::Matches("$out", '(\w+)=(\S+)')) { $figures[$m.Groups[1].Value] = $m.Groups[2].Value }
        $figures
    }
    function New-Row($Figure, $Ms, $Reference, $RefMs, $Target, $Met, [int] $Digits = 1) {
        [pscustomobject]@{
            Figure = $Figure
            Ms = if ($null -ne $Ms) { [math]::Round($Ms, $Digits) } else { $null }
            Reference = $Reference
            RefMs = if ($null -ne $RefMs) { [math]::Round($RefMs, $Digits) } else { $null }
            Ratio = if ($null -ne $Ms -and $RefMs) { [math]::Round($Ms / $RefMs, 2) } else { $null }
            Target = $Target
            Met = $Met
        }
    }
    function New-ErrorRow($Figure, $ErrorRecord, $Target) {
        $message = "$($ErrorRecord.Exception.Message)" -replace '\s+', ' '
        if ($message.Length -gt 90) { $message = $message.Substring(0, 87) + '...' }
        New-Row $Figure $null "FAILED: $message" $null $Target $false
    }

    # --- Setup: hosts, VMs defined in one C call (one thread per host), some guests started, connections ---------
    $setup = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        $testHosts = @(Start-TestHost -Count $HostCount -Prefix rh -Root $hostsRoot)
    }
    catch {
        Write-Host "RealHosts bench skipped: could not start libvirtd test hosts on this machine ($($_.Exception.Message))"
        exit 0
    }
    $hostsMs = $setup.Elapsed.TotalMilliseconds
    $uris = @($testHosts.Uri)
    # Every host has VMsPerHost VMs named vmNNN. The first host has vm001..; the others start EvacuateCount later,
    # so that the guests that run on the first host (its first EvacuateCount) have no namesake elsewhere (libvirt
    # refuses to migrate a VM onto a host that has one; Test-VMMigration says VMExistsOnDestination).
    $nameOf = { param([int] $n) 'vm{0:d3}' -f $n }
    $names = 1..$VMsPerHost | ForEach-Object { & $nameOf $_ }
    $otherNames = ($EvacuateCount + 1)..($EvacuateCount + $VMsPerHost) | ForEach-Object { & $nameOf $_ }
    $running = @($names | Select-Object -First $EvacuateCount)
    function Write-GuestFile([string] $Path, [string[]] $GuestNames) {
        $lines = foreach ($name in $GuestNames) {
            $n = [int]$name.Substring(2)
            $doc = Get-TestGuestXml -Name $name -MemoryMiB 64
            # A description on every third VM, so that Get-VM reads some.
            if ($n % 3 -eq 0) { $doc = $doc.Replace('</name>', "</name><description>Bench VM ${n}: notes &amp; more</description>") }
            # The guests that run have no VNC display: a test host has 16 display ports, and none is then taken
            # from anyone else's test hosts on this machine.
            if ($name -in $running) { $doc = $doc -replace '<graphics [^>]*/>', '' }
            $doc
        }
        Set-Content -LiteralPath $Path -Value $lines
    }
    Write-GuestFile (Join-Path $work 'first.txt') $names
    Write-GuestFile (Join-Path $work 'others.txt') $otherNames
    $defineArgs = @('define')
    for ($h = 0; $h -lt $HostCount; $h++) { $defineArgs += (Join-Path $work ($h -eq 0 ? 'first.txt' : 'others.txt')), $uris[$h] }
    $defined = Invoke-Raw $defineArgs 'defined=(\d+)'
    if ([int]$defined.defined -ne $VMsPerHost) { throw "Defined $($defined.defined) of $VMsPerHost VMs per host." }
    $started = Invoke-Raw (@('start', '3', $uris[0]) + $running) 'started=(\d+)'
    $servers = foreach ($h in $testHosts) { Connect-VIServer -Server $h.Uri -Name $h.Name }
    $setupMs = $setup.Elapsed.TotalMilliseconds
    $matchCount = @($names | Where-Object { $_ -like $Pattern }).Count
    if (@($otherNames | Where-Object { $_ -like $Pattern }).Count -ne $matchCount) { throw "'$Pattern' matches different counts on the hosts." }
    $exact = $names[[int]($VMsPerHost / 2) - 1]
    if ($exact -notin $otherNames) { throw "$exact is not on every host." }
    $virt = if (Test-Path /dev/kvm) { 'KVM' } else { 'TCG, no /dev/kvm' }
    Write-Host ("Setup: {0} hosts started in {1:N1} s; {2} VMs defined per host in {3:N1} s (one C call, one thread per host); {4} guests started on {5} in {6:N1} s (3 at a time, {7}); connected; total {8:N1} s" -f
        $HostCount, ($hostsMs / 1000), $VMsPerHost, ([double]$defined.ms / 1000), $EvacuateCount, $testHosts[0].Name, ([double]$started.ms / 1000), $virt, ($setupMs / 1000))
    Write-Host ("VMs: {0}..{1} on {2}, {3}..{4} on the others; wildcard '{5}' matches {6} of {7} per host ({8:P0}); exact name '{9}' (one per host)" -f
        $names[0], $names[-1], $testHosts[0].Name, $otherNames[0], $otherNames[-1], $Pattern, $matchCount, $VMsPerHost, ($matchCount / $VMsPerHost), $exact)

    # --- 0. Round trips and what virDomainListGetStats returns ----------------------------------------------------
    $rtt = Invoke-Raw @('rtt', '3', '500', $uris[1], $exact) 'libversion_1t_us='
    Write-BenchTable "Round-trip cost on a real libvirtd host over a unix socket (C, medians of 3 x 500 calls per thread)" @(
        [pscustomobject]@{ Call = 'virConnectGetLibVersion'; Threads = '1'; UsPerCall = [double]$rtt.libversion_1t_us; CallsPerSec = [double]$rtt.libversion_1t_rate }
        [pscustomobject]@{ Call = 'virDomainGetInfo'; Threads = '1'; UsPerCall = [double]$rtt.getinfo_1t_us; CallsPerSec = [math]::Round(1e6 / [double]$rtt.getinfo_1t_us) }
        [pscustomobject]@{ Call = 'virConnectGetLibVersion'; Threads = '4, one shared connection'; UsPerCall = [double]$rtt.libversion_4t_shared_us; CallsPerSec = [double]$rtt.libversion_4t_shared_rate }
        [pscustomobject]@{ Call = 'virDomainGetInfo'; Threads = '4, one shared connection'; UsPerCall = [double]$rtt.getinfo_4t_shared_us; CallsPerSec = [double]$rtt.getinfo_4t_shared_rate }
        [pscustomobject]@{ Call = 'virConnectGetLibVersion'; Threads = '8, one shared connection'; UsPerCall = [double]$rtt.libversion_8t_shared_us; CallsPerSec = [double]$rtt.libversion_8t_shared_rate }
        [pscustomobject]@{ Call = 'virConnectGetLibVersion'; Threads = '4, a connection each'; UsPerCall = [double]$rtt.libversion_4t_ownconn_us; CallsPerSec = [double]$rtt.libversion_4t_ownconn_rate }
    )
    $statsOut = & $raw stats $uris[0] $running[0] $exact
    Write-Host 'virDomainListGetStats(STATE|BALLOON|VCPU) fields (running, then defined/shut-off):'
    $statsOut | ForEach-Object { Write-Host "  $_" }
    $cost = Invoke-Raw @('statscost', '5', $uris[0]) 'running_stats_ms='
    $d = [int]$cost.domains
    Write-BenchTable "Cost of the stats call on a real libvirtd host over a unix socket: $d running vs $d defined VMs of $($testHosts[0].Name) (C, medians of 5)" @(
        foreach ($set in 'running', 'inactive') {
            foreach ($k in @(@('stats', 'ListGetStats(STATE|BALLOON|VCPU), 1 call'), @('stats_nowait', 'ListGetStats(STATE|BALLOON|VCPU, NOWAIT), 1 call'), @('stats_state', 'ListGetStats(STATE), 1 call'), @('getinfo', "GetInfo, $d calls"))) {
                $ms = [double]$cost["${set}_$($k[0])_ms"]
                [pscustomobject]@{ VMs = "$d $(if ($set -eq 'running') { 'running' } else { 'defined (shut off)' })"; Call = $k[1]; Ms = [math]::Round($ms, 2); MsPerVM = [math]::Round($ms / $d, 3) }
            }
        }
    )

    # --- 1. Get-VM --------------------------------------------------------------------------------------------------
    # Each repeat runs the module's call and right after it the same call in every C shape (realhosts_raw serve, its
    # connections open and warm), so that on a busy machine figure and reference see the same load.
    $total = $HostCount * $VMsPerHost
    # The reference is the shape Get-VM uses (bulk listings, stats for the inactive VMs, GetInfo for the running ones:
    # NativeConnection.ListDomains); the other two are for comparison: what Get-VM did until stop 7, and the all-stats shape.
    $shapes = [ordered]@{ 'same calls as Get-VM (bulk; running VMs by GetInfo)' = 'hybrid'; 'same calls, with an event loop and keepalive as VIToolkit' = 'hybrid-evloop'; 'per-domain calls (Get-VM before)' = 'perdomain'; 'bulk calls, stats for running VMs too' = 'bulk' }
    $referenceShape = 'same calls as Get-VM (bulk; running VMs by GetInfo)'
    foreach ($shape in $shapes.Keys) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($raw)
        foreach ($a in @('serve', $shapes[$shape], $Pattern, $exact) + $uris) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.UseShellExecute = $false
        $p = [System.Diagnostics.Process]::Start($psi)
        $rawServers += $p
        if ($p.StandardOutput.ReadLine() -ne 'ready') { throw "realhosts_raw serve $($shapes[$shape]) did not start." }
    }
    function Invoke-RawServer([System.Diagnostics.Process] $Server, [string] $Command, [int] $ExpectVms, [int] $ExpectMatches) {
        $Server.StandardInput.WriteLine($Command)
        $Server.StandardInput.Flush()
        $line = $Server.StandardOutput.ReadLine()
        if ($line -notmatch 'ms=([\d.]+) vms=(\d+) matches=(\d+)') { throw "realhosts_raw serve: unexpected answer '$line' to '$Command'." }
        if ([int]$Matches[2] -ne $ExpectVms -or [int]$Matches[3] -ne $ExpectMatches) {
            throw "realhosts_raw serve '$Command' saw $($Matches[2]) VMs and $($Matches[3]) matches, not $ExpectVms and $ExpectMatches."
        }
        [double]$Matches[1]
    }
    $exactCalls = 50
    $kinds = [ordered]@{
        all = @{ Figure = "Get-VM (all $total)"; Target = '<= 1.5x C'; Slack = 0; Run = { $script:out = Get-VM }; Expect = $total; Command = 'all'; Vms = $total; Matches = $total }
        wild = @{ Figure = "Get-VM '$Pattern' ($($HostCount * $matchCount) match)"; Target = '<= 1.5x C + 5 ms'; Slack = 5; Run = { $script:out = Get-VM -Name $Pattern }; Expect = $HostCount * $matchCount; Command = 'wild'; Vms = $total; Matches = $HostCount * $matchCount }
        exact = @{ Figure = "Get-VM -Name $exact (per call)"; Target = '< 10 ms per call'; Run = { foreach ($n in 1..$exactCalls) { $script:out = Get-VM -Name $exact } }; Expect = $HostCount; Command = "exact $exactCalls"; Vms = $HostCount; Matches = $HostCount; Calls = $exactCalls }
    }
    $moduleMs = @{}; $moduleError = @{}; $refMs = @{}
    foreach ($kind in $kinds.Keys) {
        $moduleMs[$kind] = @()
        foreach ($shape in $shapes.Keys) { $refMs["$kind/$shape"] = @() }
        try { & $kinds[$kind].Run } catch { $moduleError[$kind] = $_ }   # warm-up
    }
    for ($i = 1; $i -le $Repeats; $i++) {
        foreach ($kind in $kinds.Keys) {
            $k = $kinds[$kind]
            if (-not $moduleError[$kind]) {
                try {
                    $script:out = $null
                    $ms = Measure-Ms $k.Run
                    $got = @($script:out).Count
                    if ($got -ne $k.Expect) { throw ('{0} returned {1} VMs, not {2}.' -f $k.Figure, $got, $k.Expect) }
                    $moduleMs[$kind] += $ms / ($k.Calls ?? 1)
                    if ($kind -eq 'all') { $withDesc = @($script:out | Where-Object Notes).Count }
                }
                catch { $moduleError[$kind] = $_ }
            }
            foreach ($shape in $shapes.Keys) {
                if ($kind -eq 'exact' -and $shape -ne $referenceShape) { continue }   # the same lookup and reads in every shape
                $refMs["$kind/$shape"] += Invoke-RawServer $rawServers[@($shapes.Keys).IndexOf($shape)] $k.Command $k.Vms $k.Matches
            }
        }
    }
    $rows = foreach ($kind in $kinds.Keys) {
        $k = $kinds[$kind]
        foreach ($shape in $shapes.Keys) {
            if ($kind -eq 'exact' -and $shape -ne $referenceShape) { continue }
            $ref = Get-Median $refMs["$kind/$shape"]
            $label = if ($kind -eq 'exact') { 'C LookupByName on every host + per-domain reads' } elseif ($kind -eq 'wild') { "C $shape (only matches read)" } else { "C $shape, 1 thread/host" }
            $target = if ($shape -ne $referenceShape) { 'for comparison' } else { $k.Target }
            if ($moduleError[$kind]) {
                New-ErrorRow $k.Figure $moduleError[$kind] $target
                continue
            }
            $m = Get-Median $moduleMs[$kind]
            $met = if ($shape -ne $referenceShape) { $null } elseif ($kind -eq 'exact') { $m -lt 10 } else { $m -le 1.5 * $ref + $k.Slack }
            New-Row $k.Figure $m $label $ref $target $met ($kind -eq 'exact' ? 2 : 1)
        }
    }
    Write-BenchTable "Get-VM on real libvirtd hosts over unix sockets: $HostCount hosts x $VMsPerHost defined VMs, $EvacuateCount running on $($testHosts[0].Name) (medians of $Repeats, module and C interleaved)" $rows
    if ($null -ne $withDesc) { Write-Host "  ($withDesc of $total VMs have Notes, read from <description>)" }
    # Where Get-VM's time goes: the Core query alone (the same libvirt calls, no cmdlet and no pipeline).
    $coreServers = [System.Collections.Generic.List[VIToolkit.Core.Connections.VIServer]]::new()
    foreach ($s in $global:DefaultVIServers) { $coreServers.Add($s) }
    $coreMs = foreach ($i in 1..$Repeats) { Measure-Ms { $null = [VIToolkit.Core.Services.VMService]::Query($coreServers, $null, $null, [System.Threading.CancellationToken]::None) } }
    Write-Host ("  diagnostic: VMService.Query alone (all {0}): {1:N1} ms; the rest of Get-VM (cmdlet, {0} objects down the pipeline) is the difference" -f $total, (Get-Median $coreMs))
    foreach ($p in $rawServers) { $p.StandardInput.Close(); $null = $p.WaitForExit(5000) }

    # --- 2. Test-VMMigration ----------------------------------------------------------------------------------------
    $src = $testHosts[0].Name; $dst = $testHosts[1].Name
    $mig = Invoke-Raw @('migcheck', "$Repeats", $uris[0], $uris[1], $running[0]) 'min_ms='
    $rows = @()
    $verdict = $null
    try {
        $null = New-Cluster -Name Bench -VMHost @($testHosts.Name)
        $vm = Get-VM -Name $running[0] -Server $servers[0]
        if ($vm.PowerState -ne 'PoweredOn') { throw "VM $($running[0]) on $src is $($vm.PowerState), not running." }
        $report = Test-VMMigration -VM $vm -Destination $dst   # warm-up, and the verdict shown below
        $verdict = "$report; issues: $(if ($report.Issues) { ($report.Issues | ForEach-Object { "$($_.Severity) $($_.Code)" }) -join ', ' } else { 'none' }); CPU method: $($report.CpuMethod)"
        $runs = foreach ($i in 1..$Repeats) { Measure-Ms { $null = Test-VMMigration -VM $vm -Destination $dst } }
        $m = Get-Median $runs
        $rows += New-Row "Test-VMMigration $($running[0]) $src -> $dst" $m 'C minimal: src GetXMLDesc; dst ListAllNetworks, ListAllStoragePools, LookupByUUID' ([double]$mig.min_ms) '<= 30 ms' ($m -le 30)
        $rows += New-Row "Test-VMMigration $($running[0]) $src -> $dst" $m 'C all the checks: minimal + re-read, src pools, free mem, domcaps x2, CompareHypervisorCPU' ([double]$mig.full_ms) 'for comparison' $null
        $rows += New-Row "Test-VMMigration $($running[0]) $src -> $dst" $m "C all the checks + dst ListAllDomains & per-domain reads of its $VMsPerHost VMs" ([double]$mig.full_ms + [double]$mig.dstlist_ms) 'for comparison' $null
    }
    catch { $rows += New-ErrorRow "Test-VMMigration $($running[0]) $src -> $dst" $_ '<= 30 ms' }
    Write-BenchTable "Test-VMMigration on a real host: real libvirtd hosts over unix sockets, destination has $VMsPerHost VMs (medians of $Repeats)" $rows
    if ($verdict) { Write-Host "  Verdict: $verdict" }

    # --- 3. Evacuation planning -------------------------------------------------------------------------------------
    # "What if:" lines go straight to the host and cannot be redirected, so the timed runs use a runspace of this
    # process without a host (same module, same connections); one verification run here, under a transcript, proves
    # that the plan is made (every VM gets a destination) and that nothing moves.
    $rows = @()
    $notes = @()
    $pairs = $EvacuateCount * ($HostCount - 1)
    try {
        $transcript = Join-Path $work 'whatif.txt'
        Write-Host ''
        Write-Host "Evacuation plan, one verification run (the What if line is the plan):"
        $null = Start-Transcript -LiteralPath $transcript
        try { $verifyMs = Measure-Ms { Set-VMHost $src -State Maintenance -Evacuate -WhatIf } }
        finally { $null = Stop-Transcript }
        $whatIf = (Get-Content -LiteralPath $transcript -Raw)
        $planned = [regex]::Match($whatIf, 'Move (\d+) VM\(s\)')
        if (-not $planned.Success) { throw "Set-VMHost -WhatIf printed no plan: $(($whatIf -split "`n" | Select-String 'What if' | Select-Object -First 1))" }
        if ([int]$planned.Groups[1].Value -ne $EvacuateCount) { throw "The plan moves $($planned.Groups[1].Value) of $EvacuateCount VMs." }
        $targets = [regex]::Matches($whatIf, ' to (rh\d+)') | ForEach-Object { $_.Groups[1].Value } | Group-Object | ForEach-Object { "$($_.Count) to $($_.Name)" }
        $notes += "plan: $EvacuateCount VMs placed ($($targets -join ', '))"

        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Resolve-Path $ModulePath).Path).Invoke()
        function Invoke-Hostless([string] $Script) {
            $ps.Commands.Clear(); $ps.Streams.ClearStreams()
            $null = $ps.AddScript($Script)
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            $null = $ps.Invoke()
            $ms = $sw.Elapsed.TotalMilliseconds
            if ($ps.Streams.Error.Count -gt 0) { throw $ps.Streams.Error[0].Exception }
            $ms
        }
        $overhead = Get-Median @(foreach ($i in 1..5) { Invoke-Hostless '$null' })
        $command = "Set-VMHost $src -State Maintenance -Evacuate -WhatIf"
        # The verification run counts as the first sample (its What if line costs nothing next to the plan).
        $evac = @($verifyMs)
        $budget = [System.Diagnostics.Stopwatch]::StartNew()
        while ($evac.Count -lt $Repeats -and ($evac.Count -lt 3 -or $budget.Elapsed.TotalSeconds + $verifyMs / 1000 -lt $EvacuateBudgetSeconds)) {
            $evac += Invoke-Hostless $command
        }
        $state = (Get-VMHost $src).ConnectionState
        $stillRunning = @(Get-VM -Server $servers[0] | Where-Object PowerState -eq PoweredOn).Count
        if ("$state" -eq 'Maintenance' -or $stillRunning -ne $EvacuateCount) { throw "After -WhatIf, $src is $state with $stillRunning running VMs." }
        $notes += "afterwards $src is $state with $stillRunning running VMs (nothing moved); hostless-runspace overhead per call $([math]::Round($overhead, 2)) ms (included)"
        $m = Get-Median $evac
        $rows += New-Row "Set-VMHost $src -State Maintenance -Evacuate -WhatIf" $m "C: $pairs x the full check calls above (computed, serial)" ($pairs * [double]$mig.full_ms) '<= 500 ms' ($m -le 500) 0
        $runsNote = "median of $($evac.Count) runs, the first one the verification run"
    }
    catch {
        $rows += New-ErrorRow "Set-VMHost $src -State Maintenance -Evacuate -WhatIf" $_ '<= 500 ms'
        $runsNote = 'failed'
    }
    Write-BenchTable "Evacuation planning: real libvirtd hosts over unix sockets, $EvacuateCount running VMs on $src, $($HostCount - 1) destinations with $VMsPerHost VMs each ($runsNote)" $rows
    foreach ($n in $notes) { Write-Host "  $n" }
}
finally {
    foreach ($p in $rawServers) { if (-not $p.HasExited) { $p.Kill() }; $p.Dispose() }   # our own children, by their objects
    if ($runspace) { $runspace.Dispose() }
    Disconnect-VIServer * -Confirm:$false -ErrorAction SilentlyContinue
    $testHosts | Stop-TestHost
    # A host started before Start-TestHost failed on a later one is in no variable: stop it by its folder (by PID).
    if (Test-Path -LiteralPath $hostsRoot) {
        Get-ChildItem -LiteralPath $hostsRoot -Directory | ForEach-Object { [pscustomobject]@{ Dir = $_.FullName } } | Stop-TestHost
    }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Write-Host ("RealHosts bench: {0:N0} s in all" -f $benchStart.Elapsed.TotalSeconds)
}
