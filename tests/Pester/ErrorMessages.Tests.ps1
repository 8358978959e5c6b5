# Error messages and confirmation prompts show what the user typed, but never all of a huge value: a 10,000-character
# value given to any string or target parameter of any cmdlet gives messages (and -WhatIf prompts, and the error view's
# category line) under 400 characters, and no message doubles a period ("position 47.. It was"). Issue 10, item 18.
# The error's TargetObject stays the value given, for scripts that match it.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    # Every parameter that takes text: strings, and the target parameters that take a name (VMArgument, …).
    $script:calls = foreach ($command in (Get-Module VIToolkit).ExportedCmdlets.Values | Sort-Object Name) {
        foreach ($parameter in $command.Parameters.Values | Where-Object Name -NotIn $common | Sort-Object Name) {
            $type = $parameter.ParameterType
            if ($type.IsArray) { $type = $type.GetElementType() }
            if ($type -eq [string] -or $type.Name -like '*Argument') {
                @{ Command = $command.Name; Parameter = $parameter.Name; IsTarget = $type.Name -like '*Argument' }
            }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:Limit = 400
    $root = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
    $script:root = $root

    # The sweep runs in a child pwsh, whose standard output carries the -WhatIf prompts. Each call gets the valid
    # arguments its command needs ($base, or $special for one parameter) and the long value in one parameter; it runs
    # once with -WhatIf (where the command has it) and once for real, in a throw-away lab.
    $sweep = @'
param($ModulePath, $Root, $CallsJson)
$ErrorActionPreference = 'Continue'
$WarningPreference = 'SilentlyContinue'
$ConfirmPreference = 'None'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $ModulePath -ErrorAction Stop
$env:VITOOLKIT_INVENTORY = Join-Path $Root 'inventory.json'
$env:VITOOLKIT_STORE = Join-Path $Root 'vitoolkit.db'
$lab = New-VILab -HostCount 2 -VMsPerHost 3 -Path (Join-Path $Root 'lab') -ErrorAction Stop
$null = New-Cluster -Name Prod -VMHost esx01, esx02
$null = New-Snapshot -VM web01 -Name snap1
$task = Get-VM web01 | Stop-VM -RunAsync -Confirm:$false
$null = $task | Wait-Task -TimeoutSeconds 30
$network = @(Get-VirtualNetwork -VMHost esx01)[0]
$long = 'a' * 10000
$base = @{
    'Connect-VIServer' = @{ Server = $lab[0].Uri; NotDefault = $true }
    'Disconnect-VIServer' = @{ Server = 'esx02' }
    'Get-Snapshot' = @{ VM = 'web01' }
    'Get-VMConsole' = @{ VM = 'web01' }
    'Move-VM' = @{ VM = 'web01'; Destination = 'esx02'; MigrationType = 'Offline' }
    'Move-VMHost' = @{ VMHost = 'esx01'; Destination = 'Prod' }
    'New-Cluster' = @{ Name = 'Other'; VMHost = 'esx01' }
    'New-Snapshot' = @{ VM = 'web01'; Name = 'snap2' }
    'New-VILab' = @{ HostCount = 1; VMsPerHost = 1; NotDefault = $true; Path = (Join-Path $Root 'lab2'); HostPrefix = 'other' }
    'New-VM' = @{ Name = 'new01'; VMHost = 'esx01' }
    'Remove-Cluster' = @{ Cluster = 'Prod' }
    'Remove-VM' = @{ VM = 'web01' }
    'Rename-VirtualNetwork' = @{ VirtualNetwork = $network; NewName = 'net2' }
    'Restart-VM' = @{ VM = 'web01' }
    'Restart-VMGuest' = @{ VM = 'web01' }
    'Set-Cluster' = @{ Cluster = 'Prod'; HAEnabled = $true }
    'Set-VM' = @{ VM = 'web01'; Notes = 'x' }
    'Set-VMHost' = @{ VMHost = 'esx01'; State = 'Connected' }
    'Start-VM' = @{ VM = 'web01' }
    'Stop-Task' = @{ Task = $task }
    'Stop-VM' = @{ VM = 'web01' }
    'Stop-VMGuest' = @{ VM = 'web01' }
    'Suspend-VM' = @{ VM = 'web01' }
    'Test-ClusterCompatibility' = @{ Cluster = 'Prod' }
    'Test-VMMigration' = @{ VM = 'web01'; Destination = 'esx02' }
    'Wait-Task' = @{ Task = $task; TimeoutSeconds = 5 }
}
# Parameters of another parameter set than the base's.
$special = @{
    'Connect-VIServer.Cluster' = @{ NotDefault = $true }
    'Set-VM.Snapshot' = @{ VM = 'web01' }
    'Set-VMHost.MigrationUri' = @{ VMHost = 'esx01' }
    'Set-VMHost.MigrationDataUri' = @{ VMHost = 'esx01' }
    'Test-ClusterCompatibility.VMHost' = @{}
    'New-VM.DomainXml' = @{ VMHost = 'esx01' }
}
$calls = $CallsJson | ConvertFrom-Json
# Real runs of New-VILab and Connect-VIServer connect more hosts: last, so that no other call sees them.
$late = 'New-VILab', 'Connect-VIServer'
$calls = @($calls | Where-Object Command -NotIn $late) + @($calls | Where-Object Command -In $late)
foreach ($mode in 'WhatIf', 'Run') {
    foreach ($call in $calls) {
        $command = Get-Command $call.Command
        if ($mode -eq 'WhatIf' -and -not $command.Parameters.ContainsKey('WhatIf')) { continue }
        $arguments = @{} + ($special["$($call.Command).$($call.Parameter)"] ?? $base[$call.Command] ?? @{})
        $arguments[$call.Parameter] = $long
        if ($mode -eq 'WhatIf') { $arguments.WhatIf = $true }
        Write-Host "@@CALL $($call.Command) $($call.Parameter) $mode"
        $records = @()
        try {
            $records = @(& $call.Command @arguments 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        } catch {
            $records = @($_)
        }
        foreach ($record in $records) {
            $shown = [ordered]@{
                Id       = $record.FullyQualifiedErrorId
                Message  = $record.Exception.Message
                Category = "$($record.CategoryInfo)"
                Details  = "$($record.ErrorDetails)"
            }
            Write-Host ('@@ERROR ' + ($shown | ConvertTo-Json -Compress))
        }
    }
}
Write-Host '@@END'
'@
    $sweepPath = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-sweep-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -LiteralPath $sweepPath -Value $sweep
    $callsJson = ($calls | ForEach-Object { [pscustomobject]$_ } | ConvertTo-Json -Compress) -replace "'", "''"
    try {
        $child = Invoke-ChildPwsh -Command "& '$sweepPath' -ModulePath '$(Get-ModuleUnderTestPath)' -Root '$root' -CallsJson '$callsJson'"
    } finally {
        Remove-Item -LiteralPath $sweepPath -Force -ErrorAction SilentlyContinue
    }
    $script:childError = $child.StdErr

    # What each call wrote: its prompts (What if: …) and its error records, per mode.
    $script:Results = @{}
    $current = $null
    $script:SweepEnded = $false
    foreach ($line in $child.StdOut) {
        if ($line -match '^@@CALL (\S+) (\S+) (\S+)$') {
            $current = [pscustomobject]@{ Prompts = [System.Collections.Generic.List[string]]::new(); Errors = [System.Collections.Generic.List[object]]::new() }
            $Results["$($Matches[1]).$($Matches[2]).$($Matches[3])"] = $current
        } elseif ($line -like '@@ERROR *') {
            $current.Errors.Add(($line.Substring(8) | ConvertFrom-Json))
        } elseif ($line -eq '@@END') {
            $SweepEnded = $true
        } elseif ($current -and $line -like 'What if:*') {
            $current.Prompts.Add($line)
        }
    }
    $script:ChildOut = $child.StdOut
    function script:Get-CallResult([string] $Command, [string] $Parameter) {
        foreach ($mode in 'WhatIf', 'Run') { $Results["$Command.$Parameter.$mode"] }
    }
}

AfterAll {
    Remove-Item -LiteralPath $script:root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The long-input sweep' -Tag 'Unit' {
    It 'ran every call to the end' {
        $SweepEnded | Should -BeTrue -Because "the child pwsh wrote to stderr: $childError"
        $Results.Count | Should -BeGreaterThan 100
    }
}

Describe 'A 10,000-character value given to <Command> -<Parameter>' -ForEach $calls -Tag 'Unit' {
    BeforeAll {
        $results = @(Get-CallResult $Command $Parameter | Where-Object { $_ })
        $errors = @($results | ForEach-Object { $_.Errors })
        $prompts = @($results | ForEach-Object { $_.Prompts })
    }

    It 'writes error messages shorter than 400 characters' {
        foreach ($e in $errors) {
            $e.Message.Length | Should -BeLessThan $Limit -Because "$($e.Id) said: $($e.Message.Substring(0, [Math]::Min(200, $e.Message.Length)))…"
            $e.Details.Length | Should -BeLessThan $Limit -Because "$($e.Id)'s details"
        }
    }

    It 'shows a target name shorter than 400 characters' {
        foreach ($e in $errors) {
            $e.Category.Length | Should -BeLessThan $Limit -Because "$($e.Id)'s CategoryInfo is $($e.Category.Length) characters"
        }
    }

    It 'writes no message with a doubled period' {
        foreach ($e in $errors) {
            $e.Message | Should -Not -Match '\.\.' -Because "$($e.Id) said: $($e.Message)"
        }
    }

    It 'asks with -WhatIf in fewer than 400 characters' {
        foreach ($prompt in $prompts) {
            $prompt.Length | Should -BeLessThan $Limit
        }
    }
}

Describe 'A 10,000-character name given to the target parameter <Command> -<Parameter>' -ForEach @($calls | Where-Object { $_.IsTarget }) -Tag 'Unit' {
    It 'is reported as not found, the name cut in the message' {
        # A target that names nothing is an error: the sweep above was not vacuous for it.
        $errors = @(Get-CallResult $Command $Parameter | Where-Object { $_ } | ForEach-Object { $_.Errors })
        $errors.Count | Should -BeGreaterThan 0
        ($errors.Message -join ' ') | Should -Match 'a{60}…'
    }
}

Describe 'Messages that quote another message' -Tag 'Unit' {
    BeforeAll {
        Enter-PrivateInventory
        $path = Use-PrivateInventory 'corrupt'
        $null = New-Item -ItemType Directory -Path (Split-Path $path) -Force
        # A JSON parser's message ends with its own period: "… line 1, position 47."
        Set-Content -LiteralPath $env:VITOOLKIT_INVENTORY -Value '{ "schemaVersion": 1, "clusters": [ { "name": ' -NoNewline
    }
    AfterAll { Exit-PrivateInventory }

    It 'do not double its final period (a corrupt inventory)' {
        $records = @(Get-CommandError { Get-Cluster -ErrorAction Stop })
        $records.Count | Should -Be 1
        $records[0].FullyQualifiedErrorId | Should -BeLike 'InventoryCorrupt,*'
        $records[0].Exception.Message | Should -Match 'position \d+\. It was left untouched'
        $records[0].Exception.Message | Should -Not -Match '\.\.'
    }
}
