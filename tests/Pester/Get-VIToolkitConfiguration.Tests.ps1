BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-VIToolkitConfiguration'
    $script:savedConfig = $env:XDG_CONFIG_HOME
    $script:savedStore = $env:VITOOLKIT_STORE
    $env:XDG_CONFIG_HOME = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-config-" + [guid]::NewGuid().ToString('N'))
    Remove-Item Env:VITOOLKIT_STORE -ErrorAction Ignore
}
AfterAll {
    Set-VIToolkitConfiguration -ResetStore -Scope Session -Confirm:$false | Out-Null
    Remove-Item -LiteralPath $env:XDG_CONFIG_HOME -Recurse -Force -ErrorAction Ignore
    $env:XDG_CONFIG_HOME = $script:savedConfig
    $env:VITOOLKIT_STORE = $script:savedStore
}

Describe 'Get-VIToolkitConfiguration and Set-VIToolkitConfiguration (issue 11)' {
    It 'shows the default store when nothing is set' {
        $config = Get-VIToolkitConfiguration
        "$($config.Source)" | Should -Be 'Default'
        "$($config.StoreKind)" | Should -Be 'Sqlite'
        $config.Store | Should -BeLike '*vitoolkit.db'
    }

    It 'keeps a user setting in the configuration file, and a session setting above it' {
        $file = Join-Path $TestDrive 'user.db'
        $out = Set-VIToolkitConfiguration -Store $file -Confirm:$false
        "$($out.Source)" | Should -Be 'User'
        $out.Store | Should -Be $file
        (Get-Content -LiteralPath (Get-VIToolkitConfiguration).ConfigurationFile -Raw | ConvertFrom-Json).store | Should -Be $file
        $session = Set-VIToolkitConfiguration -Store (Join-Path $TestDrive 'session.db') -Scope Session -Confirm:$false
        "$($session.Source)" | Should -Be 'Session'
        Set-VIToolkitConfiguration -ResetStore -Scope Session -Confirm:$false | Out-Null
        "$((Get-VIToolkitConfiguration).Source)" | Should -Be 'User'
        Set-VIToolkitConfiguration -ResetStore -Confirm:$false | Out-Null
        "$((Get-VIToolkitConfiguration).Source)" | Should -Be 'Default'
    }

    It 'shows a PostgreSQL store without its password and says the environment wins' {
        $env:VITOOLKIT_STORE = 'Host=db01;Database=vit;Username=vit;Password=Sekr1t'
        try {
            $config = Get-VIToolkitConfiguration
            "$($config.StoreKind)" | Should -Be 'PostgreSql'
            "$($config.Source)" | Should -Be 'Environment'
            ($config | Format-List * | Out-String) | Should -Not -BeLike '*Sekr1t*'
            $null = Set-VIToolkitConfiguration -Store (Join-Path $TestDrive 'x.db') -Scope Session -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
            "$warnings" | Should -BeLike '*VITOOLKIT_STORE*'
        } finally {
            Remove-Item Env:VITOOLKIT_STORE
            Set-VIToolkitConfiguration -ResetStore -Scope Session -Confirm:$false | Out-Null
        }
    }

    It 'refuses a password in the setting (CredentialInConnectionString) and never echoes it' {
        $records = @(Get-CommandError { Set-VIToolkitConfiguration -Store 'Host=db01;Database=vit;Password=Sekr1t' -Confirm:$false })
        $records.Count | Should -Be 1
        $records[0].FullyQualifiedErrorId | Should -Be 'CredentialInConnectionString,VIToolkit.Commands.Store.SetVIToolkitConfigurationCommand'
        foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*Sekr1t*' }
        "$((Get-VIToolkitConfiguration).Source)" | Should -Be 'Default'
    }

    It 'refuses a credential for the user scope (CredentialNotStored) and a setting that names no store (InvalidStore)' {
        $credential = [pscredential]::new('vit', (ConvertTo-SecureString 'x' -AsPlainText -Force))
        { Set-VIToolkitConfiguration -Store 'Host=db01;Database=vit' -Credential $credential -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'CredentialNotStored,VIToolkit.Commands.Store.SetVIToolkitConfigurationCommand'
        { Set-VIToolkitConfiguration -Store 'Database=vit;Username=vit' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidStore,VIToolkit.Commands.Store.SetVIToolkitConfigurationCommand'
        "$((Get-VIToolkitConfiguration).Source)" | Should -Be 'Default'
    }

    It 'changes nothing with -WhatIf' {
        Set-VIToolkitConfiguration -Store (Join-Path $TestDrive 'w.db') -WhatIf | Should -BeNullOrEmpty
        "$((Get-VIToolkitConfiguration).Source)" | Should -Be 'Default'
    }
}
