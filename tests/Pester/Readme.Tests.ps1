# The README's "Using it" block runs as written in the lab it builds: every line but those that need real hosts (kvm0x,
# qemu: URIs, Get-Credential) runs in order, in a fresh pwsh, without an error. Its first New-VM once failed with
# VMAlreadyExists because the lab already has an app01 (issue 10, item 20).
BeforeDiscovery {
    # The lines of the block, each with why it is skipped (or $null); a line that uses a variable set by a skipped
    # line is skipped too.
    function Get-ReadmeLine {
        $readme = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../../README.md')
        $block = [regex]::Match($readme, '(?s)## Using it\s+```powershell\r?\n(.*?)\r?\n```')
        if (-not $block.Success) { throw 'README.md has no "## Using it" block of PowerShell.' }
        $skippedVariables = [System.Collections.Generic.List[string]]::new()
        $number = 0
        foreach ($line in $block.Groups[1].Value -split '\r?\n') {
            $number++
            $code = ($line -replace '(^|\s+)#.*$', '').Trim()
            if (-not $code) { continue }
            $skip = if ($code -match 'kvm0\d|qemu[:+]|Get-Credential') { 'it needs a real host' }
            elseif ($code -eq 'dotnet pwsh') { 'it starts the shell this runs in' }
            elseif ($skippedVariables | Where-Object { $code -match "\`$$_\b" }) { 'it uses a variable of a skipped line' }
            if ($skip) {
                foreach ($assigned in [regex]::Matches($code, '\$(\w+)\s*=')) { $skippedVariables.Add($assigned.Groups[1].Value) }
            }
            @{ Number = $number; Code = $code; Skip = $skip }
        }
    }
    $script:lines = @(Get-ReadmeLine)
    $script:runLines = @($lines | Where-Object { -not $_.Skip })
}

Describe 'The README''s "Using it" block' -ForEach @(@{ Lines = $lines }) -Tag 'Unit' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $root = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-readme-" + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $root
        $runLines = @($Lines | Where-Object { -not $_.Skip })
        # The lines run in one fresh pwsh, in order, in the script's scope (as typed at a prompt); the README's
        # Import-Module imports the module under test. The lab's default folder (under TMPDIR), the store and the
        # report it writes stay in a private folder.
        $runner = @'
param($Root, $ModulePath, $LinesPath)
Set-Location -LiteralPath $Root
$env:TMPDIR = $Root
$env:VITOOLKIT_INVENTORY = Join-Path $Root 'inventory.json'
$env:VITOOLKIT_STORE = Join-Path $Root 'vitoolkit.db'
$ConfirmPreference = 'High'
$PSStyle.OutputRendering = 'PlainText'
foreach ($line in Get-Content -Raw -LiteralPath $LinesPath | ConvertFrom-Json) {
    $code = $line.Code.Replace('./out/VIToolkit/VIToolkit.psd1', $ModulePath)
    Write-Host "@@LINE $($line.Number)"
    $Error.Clear()
    try {
        $null = . ([scriptblock]::Create($code)) 2>&1 3>&1
    } catch {
    }
    foreach ($e in @($Error)) { Write-Host ('@@ERROR ' + (@{ Id = "$($e.FullyQualifiedErrorId)"; Message = "$($e.Exception.Message)" } | ConvertTo-Json -Compress)) }
}
Write-Host '@@END'
'@
        $runnerPath = Join-Path $root 'run-readme.ps1'
        $linesPath = Join-Path $root 'lines.json'
        Set-Content -LiteralPath $runnerPath -Value $runner
        ConvertTo-Json -InputObject @($runLines | ForEach-Object { [pscustomobject]@{ Number = $_.Number; Code = $_.Code } }) |
            Set-Content -LiteralPath $linesPath
        $child = Invoke-ChildPwsh -Command "& '$runnerPath' -Root '$root' -ModulePath '$(Get-ModuleUnderTestPath)' -LinesPath '$linesPath'"
        $childError = $child.StdErr
        $Errors = @{}
        $Ran = [System.Collections.Generic.List[int]]::new()
        $Ended = $false
        $current = $null
        foreach ($out in $child.StdOut) {
            if ($out -match '^@@LINE (\d+)$') {
                $current = [int]$Matches[1]
                $Ran.Add($current)
                $Errors[$current] = [System.Collections.Generic.List[object]]::new()
            } elseif ($out -like '@@ERROR *') {
                $Errors[$current].Add(($out.Substring(8) | ConvertFrom-Json))
            } elseif ($out -eq '@@END') {
                $Ended = $true
            }
        }
    }

    AfterAll {
        Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'runs most of its lines in the lab (only real-host lines are left out)' {
        $runLines.Count | Should -BeGreaterOrEqual 20
        @($lines | Where-Object Skip).Count | Should -BeLessThan $runLines.Count
    }

    It 'ran every lab line, in order, to the end' {
        $Ended | Should -BeTrue -Because "the child pwsh wrote to stderr: $childError"
        @($Ran) | Should -Be @($runLines.Number)
    }

    It 'line <Number> runs without an error: <Code>' -ForEach $runLines {
        $found = @($Errors[$Number])
        $found | Should -BeNullOrEmpty -Because "it gave $(($found | ForEach-Object { "$($_.Id): $($_.Message)" }) -join '; ')"
    }

    It 'wrote the compatibility report it asks for, naming the cluster' {
        $report = Join-Path $root 'prod.html'
        $report | Should -Exist
        Get-Content -LiteralPath $report -Raw | Should -BeLike '*<h1>Compatibility of cluster Prod</h1>*'
    }
}
