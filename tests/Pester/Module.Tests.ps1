# Meta tests: the module's shape (manifest, help, test coverage, naming and ShouldProcess conventions).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $script:commands = @(Get-Command -Module VIToolkit | Sort-Object Name | ForEach-Object {
            @{
                Name       = $_.Name
                Verb       = $_.Verb
                Parameters = @($_.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)
            }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:module = Get-Module VIToolkit
    $script:manifestPath = if ($env:VITOOLKIT_MODULE_PATH) { $env:VITOOLKIT_MODULE_PATH } else { Join-Path $module.ModuleBase 'VIToolkit.psd1' }
    $script:manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
}

Describe 'Module manifest' {
    It 'exports at least one cmdlet' {
        $module.ExportedCmdlets.Count | Should -BeGreaterThan 0
    }

    It 'lists in CmdletsToExport exactly the cmdlets the module exports' {
        @($manifest.CmdletsToExport | Sort-Object) | Should -Be @($module.ExportedCmdlets.Keys | Sort-Object)
    }

    It 'lists in CmdletsToExport exactly the cmdlet classes of the assembly' {
        $assembly = [VIToolkit.Base.VIToolkitCmdlet].Assembly
        $defined = @($assembly.GetExportedTypes() |
                Where-Object { -not $_.IsAbstract } |
                ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { "$($_.VerbName)-$($_.NounName)" } |
                Sort-Object)
        @($manifest.CmdletsToExport | Sort-Object) | Should -Be $defined
    }

    It 'exports no functions, aliases or variables it does not declare' {
        @($manifest.FunctionsToExport).Where({ $_ }).Count | Should -Be 0
        $module.ExportedFunctions.Count | Should -Be 0
        @($manifest.AliasesToExport).Where({ $_ }).Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
    }

    It 'is a valid module manifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }
}

Describe '<Name>' -ForEach $commands {
    BeforeAll {
        $script:command = Get-Command $Name
        $script:help = Get-Help $Name -Full
    }

    It 'has a test file <Name>.Tests.ps1' {
        Join-Path $PSScriptRoot "$Name.Tests.ps1" | Should -Exist
    }

    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $Verb
    }

    It 'declares its output type' {
        $command.OutputType.Count | Should -BeGreaterThan 0
    }

    It 'supports ShouldProcess when it changes state' {
        # Reading (and opening a session) changes nothing on the hosts; any other verb does.
        $readOnly = 'Get', 'Find', 'Search', 'Test', 'Measure', 'Compare', 'Resolve', 'Select', 'Show', 'Wait', 'Watch', 'Connect', 'Open', 'Format', 'Out'
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        if ($Verb -notin $readOnly) {
            $attribute.SupportsShouldProcess | Should -BeTrue -Because "$Name changes state"
            $command.Parameters.Keys | Should -Contain 'WhatIf'
        } else {
            $attribute.SupportsShouldProcess | Should -BeFalse -Because "$Name only reads"
        }
    }

    Context 'help' {
        It 'has a synopsis' {
            $help.Synopsis | Should -Not -BeNullOrEmpty
            # Without a help file, Get-Help makes the synopsis from the syntax.
            $help.Synopsis | Should -Not -BeLike "*$Name *[<CommonParameters>]*"
            $help.Synopsis | Should -Not -BeLike "$Name*"
        }

        It 'has a description' {
            ($help.Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }

        It 'has at least one example, each with code and remarks' {
            $examples = @($help.Examples.Example)
            $examples.Count | Should -BeGreaterThan 0
            foreach ($example in $examples) {
                "$($example.Code)".Trim() | Should -Not -BeNullOrEmpty
                ($example.Remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
            }
        }

        It 'describes the parameter -<_>' -ForEach $Parameters {
            $parameter = @($help.Parameters.Parameter | Where-Object Name -eq $_)
            $parameter.Count | Should -Be 1 -Because "Get-Help $Name should list -$_"
            ($parameter[0].Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }
}
