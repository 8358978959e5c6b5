# Shared helpers for the benchmarks: medians, child pwsh runs, and the side-by-side table.

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { return $sorted[[int][math]::Floor($n / 2)] }
    return ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2
}

# Runs a child pwsh the way this one runs (dotnet pwsh.dll under the local tool, or pwsh itself).
function Invoke-ChildPwsh {
    $hostPath = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') {
        & $hostPath (Join-Path $PSHOME 'pwsh.dll') @args
    } else {
        & $hostPath @args
    }
}

function Measure-Ms([scriptblock] $Action) {
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    & $Action
    return $sw.Elapsed.TotalMilliseconds
}

# Prints one benchmark's rows: figure, its reference, their ratio, and the target.
function Write-BenchTable([string] $Title, [object[]] $Rows) {
    Write-Host ''
    Write-Host "== $Title" -ForegroundColor Cyan
    $Rows | Format-Table -AutoSize -Wrap | Out-String -Width 200 | Write-Host
}

Export-ModuleMember -Function Get-Median, Invoke-ChildPwsh, Measure-Ms, Write-BenchTable
