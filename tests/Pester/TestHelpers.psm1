# Shared set-up for the Pester suite: import the laid-out module and build simulated labs in private folders.

function Import-VIToolkitUnderTest {
    $path = $env:VITOOLKIT_MODULE_PATH
    if (-not $path) { $path = Join-Path $PSScriptRoot '../../out/VIToolkit/VIToolkit.psd1' }
    # -Global: imported from inside this module, it would otherwise be visible only to these helpers.
    Import-Module $path -Force -Global -ErrorAction Stop
}

function New-TestLab {
    param([int] $HostCount = 3, [int] $VMsPerHost = 10, [string[]] $CpuModel, [switch] $NotDefault,
        [ValidateSet('PoweredOn', 'PoweredOff', 'Suspended')][string] $PowerState, [int] $Seed, [string] $HostPrefix)
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
    $params = @{ HostCount = $HostCount; VMsPerHost = $VMsPerHost; Path = $path; NotDefault = $NotDefault }
    if ($CpuModel) { $params.CpuModel = $CpuModel }
    if ($PowerState) { $params.PowerState = $PowerState }
    if ($Seed) { $params.Seed = $Seed }
    if ($HostPrefix) { $params.HostPrefix = $HostPrefix }
    $servers = New-VILab @params
    [pscustomobject]@{ Path = $path; Servers = @($servers) }
}

function Remove-TestLab {
    param($Lab)
    if ($null -eq $Lab) { return }
    $Lab.Servers | Where-Object { $_.IsConnected } | Disconnect-VIServer -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $Lab.Path -Recurse -Force -ErrorAction SilentlyContinue
}

# The manifest of the module under test (what Import-VIToolkitUnderTest imports), for child processes.
function Get-ModuleUnderTestPath {
    $path = $env:VITOOLKIT_MODULE_PATH
    if (-not $path) { $path = Join-Path $PSScriptRoot '../../out/VIToolkit/VIToolkit.psd1' }
    (Resolve-Path -LiteralPath $path).Path
}

# Runs $Command in a fresh, non-interactive pwsh that has imported the module under test and built a one-host lab
# (its VMs in $PowerState; $vms holds them, sorted by name), then removes the lab. A confirmation prompt cannot be
# answered there: it fails with "NonInteractive mode", which shows that the command would have asked.
function Invoke-LabChildPwsh {
    param([Parameter(Mandatory)][string] $Command, [int] $VMsPerHost = 3,
        [ValidateSet('PoweredOn', 'PoweredOff', 'Suspended')][string] $PowerState = 'PoweredOn')
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
    $script = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$(Get-ModuleUnderTestPath)' -ErrorAction Stop
`$null = New-VILab -HostCount 1 -VMsPerHost $VMsPerHost -Path '$path' -PowerState $PowerState -ErrorAction Stop
`$vms = @(Get-VM | Sort-Object Name)
$Command
"@
    try {
        Invoke-ChildPwsh -Command $script
    } finally {
        Remove-Item -LiteralPath $path -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# Forgets the session's default servers, so that a test sees only the servers it connects itself.
function Reset-DefaultVIServer {
    $global:DefaultVIServers = $null
    $global:DefaultVIServer = $null
}

# The parameters a command declares itself (without the common and optional common parameters), sorted.
function Get-OwnParameterName {
    param([Parameter(Mandatory)][string] $CommandName)
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    @((Get-Command $CommandName -ErrorAction Stop).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)
}

# Runs a command line in a fresh pwsh (as build.ps1 does: through `dotnet pwsh.dll` when this one runs that way) and
# returns its standard output, standard error and exit code separately.
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)][string] $Command)
    $hostPath = (Get-Process -Id $PID).Path
    $prefix = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    $stderrFile = [System.IO.Path]::GetTempFileName()
    try {
        $stdout = & $hostPath @prefix -NoProfile -NonInteractive -Command $Command 2> $stderrFile
        [pscustomobject]@{
            StdOut   = @($stdout)
            StdErr   = [System.IO.File]::ReadAllText($stderrFile)
            ExitCode = $LASTEXITCODE
        }
    } finally {
        Remove-Item -LiteralPath $stderrFile -Force -ErrorAction SilentlyContinue
    }
}

# Clusters live in the inventory file: tests use private ones, never the user's. Not under $TestDrive: Pester empties
# it at the end of every Context, and a Describe's inventory must outlive them.
function Enter-PrivateInventory {
    $script:SavedInventory = $env:VITOOLKIT_INVENTORY
    $script:InventoryRoot = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-inventory-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:InventoryRoot
    $env:VITOOLKIT_INVENTORY = Join-Path $script:InventoryRoot 'inventory.json'
}

function Use-PrivateInventory([string] $Name) {
    # A fresh inventory file of its own for one Describe; returns its path.
    $env:VITOOLKIT_INVENTORY = Join-Path $script:InventoryRoot "$Name/inventory.json"
    $env:VITOOLKIT_INVENTORY
}

function Exit-PrivateInventory {
    $env:VITOOLKIT_INVENTORY = $script:SavedInventory
    Remove-Item -LiteralPath $script:InventoryRoot -Recurse -Force -ErrorAction SilentlyContinue
}

# The stored inventory as JSON text (Export-VIInventory writes it deterministically): the same text before and after
# a command means the command wrote nothing.
function Get-InventoryText {
    $file = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-export-" + [guid]::NewGuid().ToString('N') + '.json')
    try {
        $null = Export-VIInventory -Path $file -Force -ErrorAction Stop
        Get-Content -LiteralPath $file -Raw
    } finally {
        Remove-Item -LiteralPath $file -ErrorAction Ignore
    }
}

# The stored inventory as objects (clusters, hosts, protectedVMs, drsRules, drsGroups), as Export-VIInventory writes it.
function Read-StoredInventory { Get-InventoryText | ConvertFrom-Json }

# A fresh, empty inventory for what follows: the store lives in the folder of $env:VITOOLKIT_INVENTORY, so a new
# folder is a new store.
function Clear-TestInventory {
    $root = Split-Path -Parent $env:VITOOLKIT_INVENTORY
    while ((Split-Path -Leaf $root) -like 'fresh-*') { $root = Split-Path -Parent $root }
    $env:VITOOLKIT_INVENTORY = Join-Path $root ("fresh-" + [guid]::NewGuid().ToString('N') + '/inventory.json')
}

# Every error record a command writes or throws, in the order they came (a terminating one last).
function Get-CommandError {
    param([Parameter(Mandatory)][scriptblock] $Command)
    $records = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
    try {
        & $Command 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $records.Add($_) } }
    } catch {
        $records.Add($_)
    }
    $records
}

# All the text of error records that a user, a log or a script sees: message, target (and its properties), the
# record as text, its category info and its id.
function Get-ErrorRecordText {
    param([System.Management.Automation.ErrorRecord[]] $ErrorRecord)
    foreach ($record in $ErrorRecord) {
        $record.Exception.Message
        "$($record.TargetObject)"
        $record.TargetObject | Format-List * | Out-String
        "$record"
        "$($record.CategoryInfo)"
        $record.CategoryInfo.TargetName
        $record.FullyQualifiedErrorId
    }
}

# The stale-error defect: a VM-taking command that once reported "No VM named 'x'" must not report it again for a
# wildcard that matches nothing, for $null or for @($null), even after other commands. $Invoke runs the command with
# its -VM value as only argument, e.g. { param($vm) Start-VM -VM $vm }.
function Assert-NoStaleVMNotFound {
    param([Parameter(Mandatory)][scriptblock] $Invoke)
    $unknown = 'no-such-vm-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $first = @(Get-CommandError { & $Invoke $unknown })
    @($first | Where-Object FullyQualifiedErrorId -like 'VMNotFound,*').TargetObject | Should -Be @($unknown)
    $null = Get-VMHost -ErrorAction SilentlyContinue # a command that works, in between
    $wildcard = @(Get-CommandError { & $Invoke 'zz-matches-nothing-*' })
    $wildcard | Should -BeNullOrEmpty -Because "a wildcard that matches no VM is silent; got: $($wildcard -join '; ')"
    foreach ($nothing in @{ Label = '$null'; Value = $null }, @{ Label = '@($null)'; Value = @($null) }) {
        $records = @(Get-CommandError { & $Invoke $nothing.Value })
        $records.Count | Should -Be 1 -Because "-VM $($nothing.Label) is refused at binding; got: $($records -join '; ')"
        $records[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
    }
    $empty = @(Get-CommandError { & $Invoke @() })
    @($empty | Where-Object FullyQualifiedErrorId -like 'VMNotFound,*') | Should -BeNullOrEmpty
}

# A simulated host of its own (a test-driver host file, connected -NotDefault) whose running VMs have
# <on_reboot>destroy</on_reboot>: they tell a reset from a guest reboot. On the test driver virDomainReboot applies the
# VM's on_reboot action (destroy: the VM powers off) and virDomainReset changes nothing (libvirt's
# src/test/test_driver.c: testDomainReboot, testDomainReset). Returns an object that Remove-TestLab removes.
function Connect-PowerOffOnRebootHost {
    param([Parameter(Mandatory)][string] $Name, [Parameter(Mandatory)][string[]] $VMName)
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $folder
    $domains = foreach ($vm in $VMName) {
        "<domain type='test'><name>$([System.Security.SecurityElement]::Escape($vm))</name><uuid>$([guid]::NewGuid())</uuid>" +
        "<memory unit='MiB'>512</memory><vcpu>1</vcpu><os><type>hvm</type></os><on_reboot>destroy</on_reboot></domain>"
    }
    $file = Join-Path $folder "$Name.xml"
    Set-Content -LiteralPath $file -Value "<node>$($domains -join '')</node>"
    $server = Connect-VIServer "test://$file" -Name $Name -NotDefault -ErrorAction Stop
    [pscustomobject]@{ Path = $folder; Servers = @($server) }
}

# What a lab's host files say, read without the module (the test driver's source of truth): per server, in the lab's
# order, its domains (Name, Uuid, PoweredOn: no test:runstate or runstate 1), pools and networks (Name, Uuid), in
# file order.
function Get-LabHostFile {
    param([Parameter(Mandatory)] $Lab)
    foreach ($server in $Lab.Servers) {
        $path = "$($server.Uri)".Substring('test://'.Length)
        $node = ([xml] (Get-Content -LiteralPath $path -Raw)).node
        [pscustomobject]@{
            Name     = [System.IO.Path]::GetFileNameWithoutExtension($path)
            Domains  = @($node.SelectNodes('domain') | ForEach-Object {
                    $runstate = $_.SelectSingleNode("*[local-name()='runstate']")
                    [pscustomobject]@{ Name = $_.name; Uuid = $_.uuid; PoweredOn = $null -eq $runstate -or $runstate.InnerText -eq '1' }
                })
            Pools    = @($node.SelectNodes('pool') | ForEach-Object { [pscustomobject]@{ Name = $_.name; Uuid = $_.uuid } })
            Networks = @($node.SelectNodes('network') | ForEach-Object { [pscustomobject]@{ Name = $_.name; Uuid = $_.uuid } })
        }
    }
}

Export-ModuleMember -Function Import-VIToolkitUnderTest, New-TestLab, Remove-TestLab, Reset-DefaultVIServer, Get-OwnParameterName, Invoke-ChildPwsh,
    Get-ModuleUnderTestPath, Invoke-LabChildPwsh, Enter-PrivateInventory, Use-PrivateInventory, Exit-PrivateInventory,
    Get-CommandError, Get-ErrorRecordText, Assert-NoStaleVMNotFound, Get-InventoryText, Read-StoredInventory, Clear-TestInventory,
    Connect-PowerOffOnRebootHost, Get-LabHostFile
