# The module's dependencies: VIToolkit.Core and the third-party assemblies it uses load in the module's own load
# context from dependencies/, so that they cannot clash with other modules (or pwsh) in the same process.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:module = Get-Module VIToolkit
    $script:dependencies = Join-Path $module.ModuleBase 'dependencies'
    $script:core = [VIToolkit.Core.Engine.VISession].Assembly
    $script:context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core)

    function Get-ContextAssembly([string] $Name) {
        $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new($Name))
    }

    # Another version of Microsoft.Data.Sqlite than Core's, as another module would bring it (tools/Packages.csproj).
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    $script:otherSqlite = Join-Path $packages 'microsoft.data.sqlite.core/8.0.34/lib/net8.0/Microsoft.Data.Sqlite.dll'

    # Runs $Command in a fresh pwsh (which has imported the module under test when -Import) and returns the object its
    # last line writes as JSON.
    function Invoke-Fresh([string] $Command, [switch] $Import) {
        $prefix = if ($Import) { "Import-Module '$(Get-ModuleUnderTestPath)' -ErrorAction Stop`n" } else { '' }
        $result = Invoke-ChildPwsh -Command "`$ErrorActionPreference = 'Stop'`n$prefix$Command | ConvertTo-Json -Compress -Depth 3"
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdOut[-1] | ConvertFrom-Json
    }

    # Opens an in-memory database with the Microsoft.Data.Sqlite of the module's context (a child pwsh's own text).
    $script:openSqlite = @'
$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([VIToolkit.Core.Engine.VISession].Assembly)
$sqlite = $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Microsoft.Data.Sqlite'))
$connection = [Activator]::CreateInstance($sqlite.GetType('Microsoft.Data.Sqlite.SqliteConnection', $true), [object[]]@('Data Source=:memory:'))
$connection.Open()
$command = $connection.CreateCommand()
$command.CommandText = 'select sqlite_version()'
$moduleSqlite = [pscustomobject]@{ Version = $sqlite.GetName().Version.ToString(); SqliteVersion = $command.ExecuteScalar() }
$connection.Dispose()
'@
}

Describe 'Module layout' {
    It 'holds only the cmdlet assembly at its root' {
        @(Get-ChildItem $module.ModuleBase -Filter *.dll).Name | Should -Be @('VIToolkit.dll')
    }

    It 'holds VIToolkit.Core and <_> in dependencies/' -ForEach @(
        'VIToolkit.Core', 'Newtonsoft.Json', 'Microsoft.Data.Sqlite', 'SQLitePCLRaw.core', 'SQLitePCLRaw.batteries_v2',
        'SQLitePCLRaw.provider.e_sqlite3', 'Npgsql', 'Microsoft.Extensions.Logging.Abstractions') {
        Join-Path $dependencies "$_.dll" | Should -Exist
    }

    It "holds SQLite's native library for <_>" -ForEach @('linux-x64', 'linux-arm64', 'linux-musl-x64', 'osx-arm64') {
        $file = if ($_ -like 'osx-*') { 'libe_sqlite3.dylib' } else { 'libe_sqlite3.so' }
        Join-Path $dependencies "runtimes/$_/native/$file" | Should -Exist
    }
}

Describe 'Load contexts' {
    It 'loads the cmdlet assembly into the default context, from the module root' {
        $cmdlets = [VIToolkit.Base.VIToolkitCmdlet].Assembly
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($cmdlets) | Should -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        $cmdlets.Location | Should -Be (Join-Path $module.ModuleBase 'VIToolkit.dll')
    }

    It "loads VIToolkit.Core into the module's own context, from dependencies/" {
        $context | Should -Not -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        $context.Name | Should -Be 'VIToolkit'
        $core.Location | Should -Be (Join-Path $dependencies 'VIToolkit.Core.dll')
    }

    It "gives Core <_> from dependencies/, in the module's context" -ForEach @(
        'Newtonsoft.Json', 'Microsoft.Data.Sqlite', 'SQLitePCLRaw.core', 'Npgsql', 'Microsoft.Extensions.Logging.Abstractions') {
        $assembly = Get-ContextAssembly $_
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly) | Should -Be $context
        $assembly.Location | Should -Be (Join-Path $dependencies "$_.dll")
    }

    It 'gives Core PowerShell and the framework of the default context' {
        Get-ContextAssembly 'System.Management.Automation' | Should -Be ([psobject].Assembly)
        Get-ContextAssembly 'System.Runtime' | Should -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('System.Runtime')))
    }

    It "keeps Core's Newtonsoft.Json apart from pwsh's own, and both work" {
        $ours = Get-ContextAssembly 'Newtonsoft.Json'
        $pwsh = [Newtonsoft.Json.JsonConvert].Assembly
        $pwsh | Should -Not -Be $ours
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($pwsh) | Should -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        [System.IO.Path]::GetDirectoryName($pwsh.Location) | Should -Be $PSHOME
        # Core's is the version it was built with (the csproj's 13.0.3), whatever pwsh ships.
        [System.Diagnostics.FileVersionInfo]::GetVersionInfo($ours.Location).FileVersion | Should -BeLike '13.0.3.*'
        $serialize = $ours.GetType('Newtonsoft.Json.JsonConvert', $true).GetMethod('SerializeObject', [type[]]@([object]))
        $serialize.Invoke($null, @(, [int[]]@(1, 2))) | Should -Be '[1,2]'
        [Newtonsoft.Json.JsonConvert]::SerializeObject([int[]]@(1, 2)) | Should -Be '[1,2]'
    }

    It "opens an in-memory SQLite database in the module's context, with the native library of dependencies/" {
        . ([scriptblock]::Create($openSqlite))
        $moduleSqlite.SqliteVersion | Should -Match '^3\.\d+'
        $native = @((Get-Process -Id $PID).Modules | Where-Object ModuleName -Like '*e_sqlite3*' | ForEach-Object FileName)
        $native.Count | Should -Be 1
        $native[0] | Should -BeLike (Join-Path $dependencies 'runtimes/*/native/*')
    }

    It "creates an Npgsql data source in the module's context, without a server" {
        $npgsql = Get-ContextAssembly 'Npgsql'
        $create = $npgsql.GetType('Npgsql.NpgsqlDataSource', $true).GetMethod('Create', [type[]]@([string]))
        $source = $create.Invoke($null, @('Host=127.0.0.1;Database=vitoolkit'))
        try {
            $source.ConnectionString | Should -BeLike '*Database=vitoolkit*'
        } finally {
            $source.Dispose()
        }
        # Whatever Npgsql loaded (Microsoft.Extensions.*) is in the module's context too.
        $loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'Microsoft.Extensions.*' })
        $loaded | ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_) | Should -Be $context }
    }
}

Describe "Core's types in PowerShell" {
    It 'resolves <_> by name' -ForEach @('VIToolkit.Core.Engine.VISession', 'VIToolkit.Core.Model.VirtualMachine', 'VIToolkit.Core.Tasks.VITask') {
        $type = $_ -as [type]
        $type | Should -Not -BeNullOrEmpty
        $type.Assembly | Should -Be $core
    }

    It 'resolves generic, nullable and array forms of them' {
        [Nullable[VIToolkit.Core.Inventory.DrsAutomationLevel]].GetGenericArguments()[0].Assembly | Should -Be $core
        [VIToolkit.Core.Tasks.VITaskState[]].GetElementType().Assembly | Should -Be $core
        [VIToolkit.Core.Services.HostResult[string]].GetGenericTypeDefinition().Assembly | Should -Be $core
    }
}

Describe 'A fresh pwsh' {
    It 'loads nothing but VIToolkit.Core into the module context at import, and neither SQLite nor Npgsql' {
        $result = Invoke-Fresh -Import @'
$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([VIToolkit.Core.Engine.VISession].Assembly)
[pscustomobject]@{
    Context = @($context.Assemblies | ForEach-Object { $_.GetName().Name })
    Loaded  = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name } | Where-Object { $_ -match 'Sqlite|Npgsql' })
}
'@
        @($result.Context) | Should -Be @('VIToolkit.Core')
        @($result.Loaded) | Should -BeNullOrEmpty
    }

    It 'still loads libvirt from the system' {
        $result = Invoke-Fresh -Import @'
$server = Connect-VIServer -Server 'test:///default'
$libvirt = @((Get-Process -Id $PID).Modules | Where-Object ModuleName -Like 'libvirt.so*' | ForEach-Object FileName)
Disconnect-VIServer -Server $server -Confirm:$false
[pscustomobject]@{ Server = $server.Name; Libvirt = $libvirt }
'@
        $result.Server | Should -Not -BeNullOrEmpty
        @($result.Libvirt).Count | Should -Be 1
        $result.Libvirt | Should -Not -BeLike "$($module.ModuleBase)*"
    }

    Context 'with another module that has another version of Microsoft.Data.Sqlite in the default context' {
        BeforeAll {
            if (-not (Test-Path $otherSqlite)) { throw "Missing $otherSqlite (restore tools/Packages.csproj: build.ps1 Bootstrap)." }
            # What a binary module with its dependency next to it gets from PowerShell: the default context. Were
            # VIToolkit's Microsoft.Data.Sqlite there too, the second load would fail ('Assembly with same name is
            # already loaded') or the first one would be handed out in its place.
            $script:loadOther = @"
`$other = [System.Reflection.Assembly]::LoadFrom('$otherSqlite')
`$builder = [Activator]::CreateInstance(`$other.GetType('Microsoft.Data.Sqlite.SqliteConnectionStringBuilder', `$true), [object[]]@('Data Source=other.db'))
`$otherResult = [pscustomobject]@{
    Version = `$other.GetName().Version.ToString()
    Default = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$other) -eq [System.Runtime.Loader.AssemblyLoadContext]::Default
    DataSource = `$builder.DataSource
}
"@
        }

        It 'loaded before VIToolkit: both work' {
            $result = Invoke-Fresh @"
$loadOther
Import-Module '$(Get-ModuleUnderTestPath)' -ErrorAction Stop
$openSqlite
[pscustomobject]@{ Other = `$otherResult; Module = `$moduleSqlite }
"@
            $result.Other.Version | Should -BeLike '8.*'
            $result.Other.Default | Should -BeTrue
            $result.Other.DataSource | Should -Be 'other.db'
            $result.Module.Version | Should -Be (Get-ContextAssembly 'Microsoft.Data.Sqlite').GetName().Version.ToString()
            $result.Module.SqliteVersion | Should -Match '^3\.\d+'
        }

        It 'loaded after VIToolkit has used its own: both work' {
            $result = Invoke-Fresh -Import @"
$openSqlite
$loadOther
[pscustomobject]@{ Other = `$otherResult; Module = `$moduleSqlite }
"@
            $result.Module.SqliteVersion | Should -Match '^3\.\d+'
            $result.Module.Version | Should -Be (Get-ContextAssembly 'Microsoft.Data.Sqlite').GetName().Version.ToString()
            $result.Other.Version | Should -BeLike '8.*'
            $result.Other.Default | Should -BeTrue
            $result.Other.DataSource | Should -Be 'other.db'
        }
    }
}
