#Requires -Version 7.6
<#
.SYNOPSIS
    Builds, tests and demonstrates VIToolkit.
.DESCRIPTION
    Tasks:
      Bootstrap  installs what is missing: the Debian package libvirt0 (via apt-get when running as root), NuGet
                 packages, and Pester from NuGet.
      Build      compiles and lays out a loadable module in out/VIToolkit (manifest, assemblies, formats, help).
      Test       Build, then every test: xunit and Pester (in a fresh pwsh against out/VIToolkit), including the
                 Integration tests on real libvirtd test hosts where the machine can run them (as root: installs
                 libvirt-daemon, qemu-system-x86). Ends with the line 'Tests: N passed, N failed, N skipped, N not run'
                 and exits non-zero on any failure. An Integration test that did not run on a machine that can run
                 test hosts counts as failed (unless -SkipIntegration asked for that).
      Demo       Build, then runs examples/Tour.ps1 on a simulated estate.
      Bench      Build, then runs every benchmark under bench/.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Bootstrap', 'Build', 'Test', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Skip the Integration-tagged Pester tests (real libvirtd + QEMU hosts started by the tests). They run by
    # default where the machine can run test hosts (root, unshare), and skip themselves elsewhere.
    [switch] $SkipIntegration,

    # Run only the benchmarks whose file name matches.
    [string] $BenchFilter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$OutDir = Join-Path $Root 'out'
$ModuleDir = Join-Path $OutDir 'VIToolkit'
$PesterVersion = '5.7.1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
if ([Console]::IsOutputRedirected -or $env:CI) { $env:NO_COLOR = '1'; $PSStyle.OutputRendering = 'PlainText' }

function Write-Step([string] $Message) { Write-Host "==> $Message" -ForegroundColor Cyan }

function Invoke-Native {
    param([Parameter(Mandatory)][string] $File, [string[]] $Arguments = @())
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Test-DebianPackage([string] $Name) {
    $status = & dpkg-query -W -f '${Status}' $Name 2>$null
    return $LASTEXITCODE -eq 0 -and "$status" -match 'install ok installed'
}

# Installs Debian packages that are missing, or stops with the command that would install them.
$script:AptUpdated = $false  # the package lists are updated once per run, before the first install
function Install-DebianPackage([string[]] $Name) {
    if (-not (Get-Command dpkg-query -ErrorAction Ignore)) {
        Write-Warning "Not a Debian-based system: make sure these are installed: $($Name -join ', ')"
        return
    }
    $missing = @($Name | Where-Object { -not (Test-DebianPackage $_) })
    if ($missing.Count -eq 0) { return }
    $isRoot = (& id -u) -eq '0'
    if (-not $isRoot -or -not (Get-Command apt-get -ErrorAction Ignore)) {
        throw "Missing Debian package(s): $($missing -join ', '). Install with: sudo apt-get install -y $($missing -join ' ')"
    }
    Write-Step "Installing Debian package(s): $($missing -join ', ')"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    if (-not $script:AptUpdated) { Invoke-Native apt-get @('update', '-qq'); $script:AptUpdated = $true }
    Invoke-Native apt-get (@('install', '-y', '-qq', '--no-install-recommends') + $missing)
}

# Test hosts need the daemon, QEMU and the libvirt-qemu user; only root can run them, so only root installs them.
function Install-TestHostPrerequisite {
    if ((& id -u) -ne '0' -or -not (Get-Command apt-get -ErrorAction Ignore)) {
        Write-Warning 'Not root: Integration tests (real libvirtd test hosts) will be skipped.'
        return
    }
    Install-DebianPackage @('libvirt-daemon', 'libvirt-daemon-driver-qemu', 'qemu-system-x86', 'qemu-utils', 'libvirt-clients', 'iproute2', 'util-linux')
    if (-not (& getent passwd libvirt-qemu)) {
        Write-Step 'Creating the system user libvirt-qemu (the QEMU driver refuses to start without it)'
        & getent group libvirt-qemu *> $null
        if ($LASTEXITCODE -ne 0) { Invoke-Native groupadd @('--system', 'libvirt-qemu') }
        Invoke-Native useradd @('--system', '-g', 'libvirt-qemu', '-M', '-s', '/usr/sbin/nologin', 'libvirt-qemu')
    }
}

# The store tests start private PostgreSQL servers (tests/hosts/pgserver.sh) from the server binaries of any major
# version (Debian: /usr/lib/postgresql/<major>/bin). Any user can run them; only root installs them.
function Install-PostgresServer {
    if (-not $IsLinux) { return }
    $pgserver = Join-Path $Root 'tests/hosts/pgserver.sh'
    & bash $pgserver bindir *> $null
    if ($LASTEXITCODE -eq 0) { return }
    if ((& id -u) -ne '0' -or -not (Get-Command apt-get -ErrorAction Ignore)) {
        Write-Warning 'No PostgreSQL server: the PostgreSQL store tests will be skipped. Install with: sudo apt-get install -y postgresql'
        return
    }
    # The Debian package creates and starts a cluster 'main' on port 5432 when a major version is first installed: a
    # server no test started and none would stop. The tests make their own, so postgresql-common is told not to.
    $noMainCluster = '/etc/postgresql-common/createcluster.d/vitoolkit-no-main-cluster.conf'
    if (-not (Test-Path $noMainCluster)) {
        $null = New-Item -ItemType Directory -Path (Split-Path $noMainCluster) -Force
        Set-Content -LiteralPath $noMainCluster -Value @(
            "# Written by VIToolkit's build.ps1 when it installed PostgreSQL for the store tests, which start their own"
            '# servers: no default cluster (and server on port 5432) for a newly installed major version. Delete to get one.'
            'create_main_cluster = false')
    }
    Install-DebianPackage @('postgresql')
    & bash $pgserver bindir *> $null
    if ($LASTEXITCODE -ne 0) { throw "The package postgresql is installed, but tests/hosts/pgserver.sh finds no server binaries." }
}

function Get-PesterModulePath {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    return Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
}

function Invoke-Bootstrap {
    Write-Step 'Bootstrap'
    Install-DebianPackage @('libvirt0')
    if ($Task -eq 'Bench') { Install-DebianPackage @('libvirt-clients', 'libvirt-dev', 'gcc') }
    if ($Task -eq 'Bench' -or ($Task -eq 'Test' -and -not $SkipIntegration)) { Install-TestHostPrerequisite }
    if ($Task -in 'Test', 'Bench') { Install-PostgresServer }
    Invoke-Native dotnet @('restore', (Join-Path $Root 'VIToolkit.slnx'), '--verbosity', 'quiet')
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/Packages.csproj'), '--verbosity', 'quiet')
    if (-not (Test-Path (Get-PesterModulePath))) { throw "Pester $PesterVersion was not restored to $(Get-PesterModulePath)." }
}

function Invoke-Build {
    Invoke-Bootstrap
    Write-Step "Build ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'VIToolkit.slnx'), '-c', $Configuration, '--no-restore', '--nologo', '--verbosity', 'quiet')

    Write-Step "Lay out module in $ModuleDir"
    if (Test-Path $ModuleDir) { Remove-Item $ModuleDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path (Join-Path $ModuleDir 'en-US') -Force
    $bin = Join-Path $Root "src/VIToolkit/bin/$Configuration/net10.0"
    foreach ($file in 'VIToolkit.dll', 'VIToolkit.pdb') {
        Copy-Item (Join-Path $bin $file) $ModuleDir
    }
    # VIToolkit.Core and everything it uses (its publish output: managed assemblies, and runtimes/<rid>/native) go to
    # dependencies/, which only the module's own load context reads (src/VIToolkit/Loading), not the default one.
    $dependencies = Join-Path $ModuleDir 'dependencies'
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/VIToolkit.Core/VIToolkit.Core.csproj'), '-c', $Configuration, '--no-build',
        '--nologo', '--verbosity', 'quiet', '-o', $dependencies)
    Remove-Item (Join-Path $dependencies 'VIToolkit.Core.deps.json')  # the load context reads the folder, not this
    # Natives for platforms pwsh does not run on.
    Get-ChildItem (Join-Path $dependencies 'runtimes') -Directory | Where-Object Name -Match '^(browser|maccatalyst)-' | Remove-Item -Recurse -Force
    Copy-Item (Join-Path $Root 'VIToolkit.psd1') $ModuleDir
    Copy-Item (Join-Path $Root 'module/VIToolkit.Loader.psm1') $ModuleDir
    Copy-Item (Join-Path $Root 'module/*.ps1xml') $ModuleDir
    Copy-Item (Join-Path $Root 'module/en-US/*') (Join-Path $ModuleDir 'en-US') -Recurse -ErrorAction Ignore

    # Help is generated from module/help/*.psd1 plus the compiled parameter metadata, in a fresh process.
    Invoke-Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/New-ModuleHelp.ps1') `
        -ModulePath (Join-Path $ModuleDir 'VIToolkit.psd1') -HelpSource (Join-Path $Root 'module/help') `
        -OutFile (Join-Path $ModuleDir 'en-US/VIToolkit.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw 'Help generation failed (see above).' }
}

# Runs a child pwsh the same way this one runs: through `dotnet pwsh.dll` under the local tool, or directly.
function Invoke-Pwsh {
    $host_ = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') {
        & $host_ (Join-Path $PSHOME 'pwsh.dll') @args
    } else {
        & $host_ @args
    }
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $OutDir 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item -ItemType Directory $results

    # The tests never touch the user's own store: whatever does not choose one gets a store of this run.
    $savedData = $env:XDG_DATA_HOME; $savedConfig = $env:XDG_CONFIG_HOME
    $env:XDG_DATA_HOME = Join-Path $results 'data'
    $env:XDG_CONFIG_HOME = Join-Path $results 'config'   # nor the user's configuration (Set-VIToolkitConfiguration)

    Write-Step 'xunit'
    $xunit = Invoke-Xunit $results

    Write-Step 'Pester'
    $summary = Join-Path $results 'pester-summary.json'
    $pesterArgs = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tests/Invoke-PesterSuite.ps1'),
        '-ModulePath', (Join-Path $ModuleDir 'VIToolkit.psd1'), '-PesterPath', (Get-PesterModulePath),
        '-SummaryPath', $summary, '-ResultPath', (Join-Path $results 'pester.xml'))
    if ($SkipIntegration) { $pesterArgs += '-SkipIntegration' }
    Invoke-Pwsh @pesterArgs | Out-Host
    $pesterExit = $LASTEXITCODE
    $pester = if (Test-Path $summary) { Get-Content $summary -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; NotRun = 0 } }
    $pesterFailed = [int]$pester.Failed
    if ($pesterExit -ne 0 -and $pesterFailed -eq 0) { $pesterFailed = 1 }

    $env:XDG_DATA_HOME = $savedData; $env:XDG_CONFIG_HOME = $savedConfig

    $passed = $xunit.Passed + [int]$pester.Passed
    $failed = $xunit.Failed + $pesterFailed
    $skipped = $xunit.Skipped + [int]$pester.Skipped
    $notRun = $xunit.NotRun + [int]$pester.NotRun
    Write-Host ("xunit: {0} passed, {1} failed, {2} skipped, {3} not run; Pester: {4} passed, {5} failed, {6} skipped, {7} not run" -f
        $xunit.Passed, $xunit.Failed, $xunit.Skipped, $xunit.NotRun, $pester.Passed, $pesterFailed, $pester.Skipped, $pester.NotRun)
    # The line starts "Tests: N passed, N failed" (CI and the README read it); skipped and not run follow.
    Write-Host "Tests: $passed passed, $failed failed, $skipped skipped, $notRun not run"
    if ($failed -gt 0) { exit 1 }
}

# Runs the xunit tests and counts them from their TRX results against the list of discovered tests, so that a test
# that never ran (a crashed test host, an aborted run) shows as not run instead of disappearing.
function Invoke-Xunit([string] $Results) {
    $project = Join-Path $Root 'tests/VIToolkit.Core.Tests'
    $listing = @(& dotnet test $project -c $Configuration --no-build --nologo --list-tests 2>&1)
    $inList = $false
    $listed = @(foreach ($line in $listing) {
            if ($inList -and "$line" -match '^ {4}(\S.*)$') { $Matches[1].TrimEnd() }
            elseif ("$line" -match 'The following Tests are available') { $inList = $true }
        })
    $trx = Join-Path $Results 'xunit.trx'
    $log = Join-Path $Results 'xunit.log'
    & dotnet test $project -c $Configuration --no-build --nologo --logger "trx;LogFileName=$trx" 2>&1 | Tee-Object -FilePath $log | Out-Host
    $exit = $LASTEXITCODE
    $counts = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0; NotRun = 0 }
    $ran = [System.Collections.Generic.Dictionary[string, int]]::new([StringComparer]::Ordinal)  # theory rows differ in case
    if (Test-Path $trx) {
        foreach ($test in ([xml](Get-Content $trx -Raw)).TestRun.Results.UnitTestResult) {
            switch ($test.outcome) {
                'Passed' { $counts.Passed++ }
                'NotExecuted' { $counts.Skipped++ }
                default { $counts.Failed++ }
            }
            $seen = 0
            $null = $ran.TryGetValue($test.testName, [ref] $seen)
            $ran[$test.testName] = $seen + 1
        }
    }
    foreach ($group in $listed | Group-Object -NoElement -CaseSensitive) {
        $seen = 0
        $null = $ran.TryGetValue($group.Name, [ref] $seen)
        $counts.NotRun += [math]::Max(0, $group.Count - $seen)
    }
    if ($listed.Count -eq 0) { $counts.Failed++ }  # nothing discovered: the test project did not load
    if ($exit -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }  # build or host crash: count it, never hide it
    $counts
}

function Invoke-Demo {
    Invoke-Build
    Write-Step 'Tour'
    Invoke-Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'examples/Tour.ps1') -ModulePath (Join-Path $ModuleDir 'VIToolkit.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    foreach ($script in Get-ChildItem (Join-Path $Root 'bench') -Filter "$BenchFilter.ps1" | Sort-Object Name) {
        Write-Step "Benchmark $($script.Name)"
        Invoke-Pwsh -NoProfile -NonInteractive -File $script.FullName -ModulePath (Join-Path $ModuleDir 'VIToolkit.psd1')
        if ($LASTEXITCODE -ne 0) { throw "Benchmark $($script.Name) failed." }
    }
}

switch ($Task) {
    'Bootstrap' { Invoke-Bootstrap }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
}
