<#
.SYNOPSIS
    Get-VM over a lab of 10 hosts x 1,000 VMs (connections open) against the same libvirt calls in a minimal C loop
    (bench/raw/getvm_raw.c, the physical limit) and against a virsh-per-call loop (how libvirt PowerShell scripts
    usually do it). Also Get-VM -Name <exact> per call. Targets: Get-VM within 1.5x of the raw loop; exact under 10 ms.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/VIToolkit/VIToolkit.psd1'),
    [int] $HostCount = 10,
    [int] $VMsPerHost = 1000,
    [int] $Repeats = 7,
    [int] $VirshSample = 20
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module $ModulePath -Force

$work = Join-Path ([System.IO.Path]::GetTempPath()) "vitoolkit-bench-getvm-$PID"
$null = New-Item -ItemType Directory -Force $work
try {
    $raw = Join-Path $work 'getvm_raw'
    & gcc -O2 -o $raw (Join-Path $PSScriptRoot 'raw/getvm_raw.c') -lvirt
    if ($LASTEXITCODE -ne 0) { throw 'Could not compile bench/raw/getvm_raw.c (needs gcc and libvirt-dev).' }

    Write-Host "Building a lab of $HostCount hosts x $VMsPerHost VMs…"
    $lab = New-VILab -HostCount $HostCount -VMsPerHost $VMsPerHost -Path (Join-Path $work 'lab')
    $uris = $lab.Uri
    $exact = (Get-VM -Server $lab[[int]($HostCount / 2)] | Select-Object -Skip ([int]($VMsPerHost / 2)) -First 1).Name

    # Get-VM: the whole estate, output collected (as a script would).
    $null = Get-VM
    $list = foreach ($i in 1..$Repeats) { Measure-Ms { $script:vms = Get-VM } }
    if ($script:vms.Count -ne $HostCount * $VMsPerHost) { throw "Get-VM returned $($script:vms.Count) VMs." }
    $exactCalls = 200
    $exactRuns = foreach ($i in 1..5) { (Measure-Ms { foreach ($k in 1..$exactCalls) { $null = Get-VM $exact } }) / $exactCalls }

    # The raw C loop: same calls, connections opened before timing.
    $rawOut = & $raw $Repeats $exact @uris
    if ($rawOut -notmatch 'list_ms=([\d.]+) exact_ms=([\d.]+) vms=(\d+)') { throw "Unexpected raw output: $rawOut" }
    $rawList = [double]$Matches[1]; $rawExact = [double]$Matches[2]

    # virsh per call: one `virsh list` per host plus one `virsh dominfo` per VM. Each virsh call reconnects (and the
    # test driver re-reads its host file), so it is measured on a sample and extrapolated.
    $sample = @($script:vms | Get-Random -Count $VirshSample -SetSeed 7)
    $virshList = Measure-Ms { $null = & virsh -c $uris[0] list --all --name }
    $virshInfo = (Measure-Ms { foreach ($vm in $sample) { $null = & virsh -c $lab.Where({ $_.Name -eq $vm.VMHostName })[0].Uri dominfo $vm.Name } }) / $VirshSample
    $virshTotal = $HostCount * $virshList + $HostCount * $VMsPerHost * $virshInfo

    $getVm = Get-Median $list
    $exactMs = Get-Median $exactRuns
    Write-BenchTable "Get-VM over $HostCount hosts x $VMsPerHost VMs (medians of $Repeats runs)" @(
        [pscustomobject]@{ Figure = 'Get-VM (all)'; Ms = [math]::Round($getVm, 1); Reference = 'raw C loop, same calls'; RefMs = [math]::Round($rawList, 1); Ratio = [math]::Round($getVm / $rawList, 2); Target = '<= 1.5x raw'; Met = $getVm -le 1.5 * $rawList }
        [pscustomobject]@{ Figure = 'Get-VM (all)'; Ms = [math]::Round($getVm, 1); Reference = "virsh per call (extrapolated from $VirshSample dominfo)"; RefMs = [math]::Round($virshTotal); Ratio = [math]::Round($getVm / $virshTotal, 4); Target = 'for comparison'; Met = $null }
        [pscustomobject]@{ Figure = 'Get-VM -Name <exact>'; Ms = [math]::Round($exactMs, 3); Reference = 'raw C lookup on every host'; RefMs = [math]::Round($rawExact, 3); Ratio = [math]::Round($exactMs / [math]::Max($rawExact, 0.001), 1); Target = '< 10 ms per call'; Met = $exactMs -lt 10 }
    )
}
finally {
    Disconnect-VIServer * -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
