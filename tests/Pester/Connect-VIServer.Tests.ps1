BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Connect-VIServer'

    # A minimal libvirt test-driver host file; $Auth is an optional <auth> element (test driver's user list).
    function script:New-HostFile([string] $Folder, [string] $Name, [string] $Auth = '') {
        $path = Join-Path $Folder "$Name.xml"
        @"
<node>
  <cpu><mhz>2000</mhz><model>Test CPU</model><active>4</active><nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>2</threads></cpu>
  <memory>8388608</memory>
  $Auth
</node>
"@ | Set-Content -LiteralPath $path -Encoding utf8
        "test://$path"
    }

    function script:Disconnect-Uri([string[]] $Uri) {
        [VIToolkit.Core.Engine.VISession]::Default.Connections.Servers |
            Where-Object { $_.Uri -in $Uri } |
            Disconnect-VIServer -Confirm:$false -ErrorAction SilentlyContinue
    }
}

Describe 'Connect-VIServer parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Cluster', 'Credential', 'Name', 'NotDefault', 'ReadOnly', 'Server' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes -Server by position, from the pipeline, with the aliases Uri and ComputerName' {
        $server = (Get-Command $CommandName).Parameters['Server']
        $meta = $server.ParameterSets['ByUri']
        $meta.Position | Should -Be 0
        $meta.IsMandatory | Should -BeTrue
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
        $server.Aliases | Should -Contain 'Uri'
        $server.Aliases | Should -Contain 'ComputerName'
    }
}

Describe 'Connect-VIServer to the test driver' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 2 -NotDefault
        Disconnect-Uri 'test:///default'
    }
    AfterAll {
        Disconnect-Uri 'test:///default'
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'connects to test:///default' {
        Reset-DefaultVIServer
        $server = Connect-VIServer -Server 'test:///default'
        $server | Should -BeOfType ([VIToolkit.Core.Connections.VIServer])
        $server.HypervisorType | Should -Be 'Test'
        "$($server.ConnectionState)" | Should -Be 'Connected'
        $server.IsConnected | Should -BeTrue
        $server.Simulated | Should -BeTrue
        $server.Uri | Should -Be 'test:///default'
        $server.Name | Should -Be 'test-default'
        $server.Id | Should -Not -BeNullOrEmpty
    }

    It 'makes the new connection the default server' {
        Reset-DefaultVIServer
        $server = Connect-VIServer 'test:///default'
        $global:DefaultVIServer | Should -Be $server
        [object]::ReferenceEquals($global:DefaultVIServer, $server) | Should -BeTrue
        @($global:DefaultVIServers).Count | Should -Be 1
        [object]::ReferenceEquals(@($global:DefaultVIServers)[0], $server) | Should -BeTrue
    }

    It 'returns the same object when connecting to the same URI again' {
        $first = Connect-VIServer 'test:///default'
        $verbose = @(Connect-VIServer 'test:///default' -Verbose 4>&1)
        $second = @($verbose | Where-Object { $_ -is [VIToolkit.Core.Connections.VIServer] })
        $second.Count | Should -Be 1
        [object]::ReferenceEquals($first, $second[0]) | Should -BeTrue
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'Reusing the open connection to test:///default'
    }

    It 'reuses the connection New-VILab opened for a lab host' {
        $again = Connect-VIServer $lab.Servers[1].Uri -NotDefault
        [object]::ReferenceEquals($again, $lab.Servers[1]) | Should -BeTrue
    }

    It 'adds a server only once to the default servers' {
        Reset-DefaultVIServer
        $null = Connect-VIServer 'test:///default'
        $null = Connect-VIServer 'test:///default'
        @($global:DefaultVIServers).Count | Should -Be 1
    }

    It 'leaves the default servers untouched with -NotDefault' {
        Reset-DefaultVIServer
        $global:DefaultVIServers = @($lab.Servers[0])
        $global:DefaultVIServer = $lab.Servers[0]
        $server = Connect-VIServer 'test:///default' -NotDefault
        $server.IsConnected | Should -BeTrue
        @($global:DefaultVIServers).Count | Should -Be 1
        [object]::ReferenceEquals(@($global:DefaultVIServers)[0], $lab.Servers[0]) | Should -BeTrue
        [object]::ReferenceEquals($global:DefaultVIServer, $lab.Servers[0]) | Should -BeTrue
        Reset-DefaultVIServer
    }

    It 'names a host file connection after the file, or after -Name' {
        $plain = New-HostFile $lab.Path 'plain01'
        $named = New-HostFile $lab.Path 'plain02'
        try {
            (Connect-VIServer $plain -NotDefault).Name | Should -Be 'plain01'
            (Connect-VIServer $named -Name 'kvm-named' -NotDefault).Name | Should -Be 'kvm-named'
        } finally {
            Disconnect-Uri $plain, $named
        }
    }

    It 'opens a separate read-only connection with -ReadOnly' {
        $readWrite = Connect-VIServer 'test:///default' -NotDefault
        $readOnly = Connect-VIServer 'test:///default' -ReadOnly -NotDefault
        try {
            $readOnly.ReadOnly | Should -BeTrue
            $readWrite.ReadOnly | Should -BeFalse
            [object]::ReferenceEquals($readOnly, $readWrite) | Should -BeFalse
        } finally {
            Disconnect-VIServer $readOnly -Confirm:$false
        }
    }

    It 'takes URIs from the pipeline by value' {
        $byValue = @('test:///default', $lab.Servers[0].Uri | Connect-VIServer -NotDefault)
        $byValue.Uri | Should -Be @('test:///default', $lab.Servers[0].Uri)
    }

    It 'takes URIs from the pipeline by property name <Property>' -ForEach @(
        @{ Property = 'Server' }
        @{ Property = 'Uri' }
        @{ Property = 'ComputerName' }
    ) {
        $byProperty = @([pscustomobject]@{ $Property = 'test:///default' } | Connect-VIServer -NotDefault)
        $byProperty.Count | Should -Be 1
        $byProperty[0].Uri | Should -Be 'test:///default'
    }

    It 'refuses a second host with a name already connected (DuplicateVMHostName), suggesting -Name (issue 10, item 12)' {
        $first = New-HostFile $lab.Path 'twin01'
        $folder = Join-Path $lab.Path 'other'
        $null = New-Item -ItemType Directory -Path $folder -Force
        $second = New-HostFile $folder 'twin01'
        try {
            $one = Connect-VIServer $first -NotDefault
            $record = { Connect-VIServer $second -NotDefault -ErrorAction Stop } |
                Should -Throw -ErrorId 'DuplicateVMHostName,VIToolkit.Commands.Connections.ConnectVIServerCommand' -PassThru
            $record.Exception.Message | Should -BeLike '*-Name*'
            $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
            @([VIToolkit.Core.Engine.VISession]::Default.Connections.Servers | Where-Object Uri -eq $second) | Should -BeNullOrEmpty
            $two = Connect-VIServer $second -Name 'twin02' -NotDefault -ErrorAction Stop
            $two.Name | Should -Be 'twin02'
            @(Get-VMHost -Server $one, $two).Name | Should -Be @('twin01', 'twin02')
            # The same URI again is the same connection, not a second host of that name.
            [object]::ReferenceEquals((Connect-VIServer $first -NotDefault), $one) | Should -BeTrue
        } finally {
            Disconnect-Uri $first, $second
        }
    }

    It 'refuses -Name <Case> (InvalidVMHostName, issue 10, item 13)' -ForEach @(
        @{ Case = 'of spaces only'; Name = '   ' }
        @{ Case = 'with a control character'; Name = "esx`t01" }
        @{ Case = 'of 10,000 characters'; Name = ('x' * 10000) }
        @{ Case = 'that is a wildcard'; Name = '*' }
        @{ Case = 'with a wildcard'; Name = 'esx[1]' }
        @{ Case = 'with a trailing space'; Name = 'esx01 ' }
    ) {
        $record = { Connect-VIServer 'test:///default' -Name $Name -NotDefault -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidVMHostName,VIToolkit.Commands.Connections.ConnectVIServerCommand' -PassThru
        $record.Exception.Message.Length | Should -BeLessThan 300
        @([VIToolkit.Core.Engine.VISession]::Default.Connections.Servers | Where-Object Name -eq $Name) | Should -BeNullOrEmpty
    }

    It 'refuses -Name with several servers (NameWithManyServers)' {
        { Connect-VIServer 'test:///default', $lab.Servers[0].Uri -Name 'one' -NotDefault -ErrorAction Stop } |
            Should -Throw -ErrorId 'NameWithManyServers,VIToolkit.Commands.Connections.ConnectVIServerCommand'
    }
}

Describe 'Connect-VIServer errors' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 1 -VMsPerHost 1 -NotDefault
        Disconnect-Uri 'test:///default'
    }
    AfterAll {
        Disconnect-Uri 'test:///default'
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'writes InvalidUri (InvalidArgument, non-terminating) for <Uri>' -ForEach @(
        @{ Uri = 'not a uri' }
        @{ Uri = 'kvm01' }
        @{ Uri = 'qemu+ssh://host:99999/system' }
    ) {
        $out = Connect-VIServer $Uri -NotDefault -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidUri,VIToolkit.Commands.Connections.ConnectVIServerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be $Uri
    }

    It 'connects the good URIs when one of several is malformed' {
        Reset-DefaultVIServer
        $out = @(Connect-VIServer 'kvm01', 'test:///default', $lab.Servers[0].Uri -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidUri,VIToolkit.Commands.Connections.ConnectVIServerCommand'
        $out.Count | Should -Be 2
        $out.Uri | Should -Be @('test:///default', $lab.Servers[0].Uri)
        @($global:DefaultVIServers).Count | Should -Be 2
        Reset-DefaultVIServer
    }

    It 'writes HostUnreachable (ConnectionError) when nothing listens' {
        $out = Connect-VIServer 'qemu+tcp://127.0.0.1:1/system' -NotDefault -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'HostUnreachable,VIToolkit.Commands.Connections.ConnectVIServerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errs[0].TargetObject | Should -Be 'qemu+tcp://127.0.0.1:1/system'
    }

    It 'throws when asked to stop on errors' {
        { Connect-VIServer 'qemu+tcp://127.0.0.1:1/system' -NotDefault -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostUnreachable,VIToolkit.Commands.Connections.ConnectVIServerCommand'
    }

    Context 'authentication' {
        BeforeAll {
            $script:secureUri = New-HostFile $lab.Path 'secure01' '<auth><user password="s3cret-pw">admin</user></auth>'
        }
        AfterAll { Disconnect-Uri $script:secureUri }

        It 'writes AuthenticationFailed (AuthenticationError) for a wrong password, without the password' {
            $credential = [pscredential]::new('admin', (ConvertTo-SecureString 'wr0ng-pw-x' -AsPlainText -Force))
            $out = Connect-VIServer $secureUri -Credential $credential -NotDefault -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,VIToolkit.Commands.Connections.ConnectVIServerCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $errs[0].TargetObject | Should -Be $secureUri
            $errs[0].Exception.ToString() | Should -Not -BeLike '*wr0ng-pw-x*'
        }

        It 'writes AuthenticationFailed when the host asks for credentials and none are given' {
            $out = Connect-VIServer $secureUri -NotDefault -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,VIToolkit.Commands.Connections.ConnectVIServerCommand'
        }

        It 'connects with the right password and remembers the user, not the password' {
            $credential = [pscredential]::new('admin', (ConvertTo-SecureString 's3cret-pw' -AsPlainText -Force))
            $server = Connect-VIServer $secureUri -Credential $credential -NotDefault
            $server.IsConnected | Should -BeTrue
            $server.User | Should -Be 'admin'
            $server.Name | Should -Be 'secure01'
            ($server | Format-List * | Out-String) | Should -Not -BeLike '*s3cret-pw*'
        }
    }

    Context 'secrets in URIs' {
        BeforeAll {
            $script:secret = 'Secr3tPw'
            # Built from parts so that not even the command line of the test holds the URI with its password.
            $script:uriWithPassword = 'qemu+tcp://admin:' + $secret + '@127.0.0.1:1/system'
        }

        It 'fails, and the password appears nowhere in the error record' {
            $out = Connect-VIServer $uriWithPassword -NotDefault -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $record = $errs[0]
            $record.FullyQualifiedErrorId | Should -Be 'HostUnreachable,VIToolkit.Commands.Connections.ConnectVIServerCommand'
            $record.TargetObject | Should -Be 'qemu+tcp://admin@127.0.0.1:1/system'
            "$($record.TargetObject)" | Should -Not -BeLike "*$secret*"
            $record.Exception.Message | Should -Not -BeLike "*$secret*"
            $record.Exception.ToString() | Should -Not -BeLike "*$secret*"
            "$($record.ErrorDetails)" | Should -Not -BeLike "*$secret*"
            ($record | Format-List * -Force | Out-String) | Should -Not -BeLike "*$secret*"
            $inner = $record.Exception
            while ($inner) {
                if ($inner.PSObject.Properties['Libvirt'] -and $inner.Libvirt) { $inner.Libvirt.Message | Should -Not -BeLike "*$secret*" }
                $inner = $inner.InnerException
            }
        }

        It 'keeps the password out of the -Verbose output' {
            $stream = @(Connect-VIServer $uriWithPassword -NotDefault -Verbose -ErrorAction SilentlyContinue 4>&1)
            $verbose = @($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $verbose.Count | Should -BeGreaterThan 0
            ($verbose.Message -join "`n") | Should -BeLike '*qemu+tcp://admin@127.0.0.1:1/system*'
            ($verbose.Message -join "`n") | Should -Not -BeLike "*$secret*"
        }

        It 'keeps the password out of InvalidUri errors' {
            $bad = 'qemu+ssh://admin:' + $secret + '@host:99999/system'
            $null = Connect-VIServer $bad -NotDefault -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidUri,VIToolkit.Commands.Connections.ConnectVIServerCommand'
            "$($errs[0].TargetObject)" | Should -Not -BeLike "*$secret*"
            $errs[0].Exception.ToString() | Should -Not -BeLike "*$secret*"
        }
    }

    Context 'standard error' {
        BeforeAll {
            $script:modulePath = if ($env:VITOOLKIT_MODULE_PATH) { $env:VITOOLKIT_MODULE_PATH } else { (Get-Module VIToolkit).Path }
        }

        It 'lets libvirt print nothing to the process''s stderr when a host is unreachable' {
            $child = Invoke-ChildPwsh -Command "Import-Module '$modulePath'; Connect-VIServer 'qemu+tcp://127.0.0.1:1/system' -ErrorAction SilentlyContinue; 'failed:' + `$Error.Count"
            $child.ExitCode | Should -Be 0
            $child.StdOut | Should -Contain 'failed:1'   # the child did run and did fail to connect
            $child.StdErr | Should -Not -Match '(?m)^libvirt:'
            $child.StdErr.Trim() | Should -BeNullOrEmpty
        }

        It 'prints nothing to stderr when a test-driver host file does not exist' {
            $missing = Join-Path $lab.Path 'no-such-host.xml'
            $child = Invoke-ChildPwsh -Command "Import-Module '$modulePath'; Connect-VIServer 'test://$missing' -ErrorAction SilentlyContinue; 'failed:' + `$Error.Count"
            $child.StdOut | Should -Contain 'failed:1'
            $child.StdErr | Should -Not -Match '(?m)^libvirt:'
            $child.StdErr.Trim() | Should -BeNullOrEmpty
        }
    }
}
