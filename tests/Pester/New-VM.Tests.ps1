BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'New-VM'
    $script:ErrorSuffix = ',VIToolkit.Commands.VMs.NewVMCommand'
}

Describe 'New-VM parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Datastore', 'DiskGB', 'DomainXml', 'MemoryMB', 'Name', 'NetworkName', 'Notes', 'NumCpu', 'Server', 'VMHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'has the parameter sets FromParameters (default) and FromXml' {
        $command = Get-Command $CommandName
        $command.DefaultParameterSet | Should -Be 'FromParameters'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('FromParameters', 'FromXml')
        $command.Parameters['DomainXml'].ParameterSets.Keys | Should -Be @('FromXml')
        $command.Parameters['DomainXml'].ParameterSets['FromXml'].IsMandatory | Should -BeTrue
        foreach ($name in 'Name', 'MemoryMB', 'NumCpu', 'NetworkName', 'Datastore', 'DiskGB', 'Notes') {
            $command.Parameters[$name].ParameterSets.Keys | Should -Be @('FromParameters') -Because "-$name builds the VM from parameters"
        }
    }

    It 'takes a mandatory -Name by position 0' {
        $meta = (Get-Command $CommandName).Parameters['Name'].ParameterSets['FromParameters']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
    }

    It 'takes a mandatory -VMHost in both sets, from the pipeline by value' {
        $parameter = (Get-Command $CommandName).Parameters['VMHost']
        $parameter.ParameterSets.Keys | Should -Be @('__AllParameterSets')
        $parameter.ParameterSets['__AllParameterSets'].IsMandatory | Should -BeTrue
        $parameter.ParameterSets['__AllParameterSets'].ValueFromPipeline | Should -BeTrue
    }

    It 'limits -DiskGB to 0..65536' {
        $range = (Get-Command $CommandName).Parameters['DiskGB'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range[0].MinRange | Should -Be 0
        $range[0].MaxRange | Should -Be 65536
    }

    It 'has the aliases Network and PortGroup for -NetworkName, Description for -Notes' {
        $parameters = (Get-Command $CommandName).Parameters
        $parameters['NetworkName'].Aliases | Should -Contain 'Network'
        $parameters['NetworkName'].Aliases | Should -Contain 'PortGroup'
        $parameters['Notes'].Aliases | Should -Contain 'Description'
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'New-VM on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 3
        $script:esx01 = Get-VMHost -Name esx01
        function script:Get-VMCount([string] $Name) { @(Get-VM -Name $Name -ErrorAction SilentlyContinue).Count }
        # A VM of this name with a disk on san01 can be created (and is removed with its disk again): proves that no
        # VM and no volume of that name was left behind.
        function script:Assert-CanCreate([string] $Name) {
            $vm = New-VM -Name $Name -VMHost $esx01 -Datastore san01 -DiskGB 1 -ErrorAction Stop
            $vm.Name | Should -BeExactly $Name
            Remove-VM -VM $vm -DeletePermanently -Confirm:$false -ErrorAction Stop
        }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'creating' {
        It 'creates a powered-off VM with the given memory, vCPUs, notes, network and disk on san01' {
            $out = @(New-VM -Name 'pester-new01' -VMHost $esx01 -MemoryMB 2048 -NumCpu 2 -Notes 'made by Pester' `
                    -NetworkName 'VM Network' -Datastore san01 -DiskGB 10 -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType ([VIToolkit.Core.Model.VirtualMachine])
            $vm = Get-VM -Name 'pester-new01'
            $vm.Id | Should -Be $out[0].Id
            "$($vm.PowerState)" | Should -Be 'PoweredOff'
            $vm.MemoryMB | Should -Be 2048
            $vm.MaxMemoryMB | Should -Be 2048
            $vm.NumCpu | Should -Be 2
            $vm.Notes | Should -BeExactly 'made by Pester'
            $vm.VMHostName | Should -Be 'esx01'
            $vm.Persistent | Should -BeTrue
        }

        It 'made a disk volume: the same name again gives VMAlreadyExists (ResourceExists, target = the name), changing nothing' {
            $before = Get-VM -Name 'pester-new01'
            $out = New-VM -Name 'pester-new01' -VMHost $esx01 -MemoryMB 512 -Datastore san01 -DiskGB 1 -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "VMAlreadyExists$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $errs[0].TargetObject | Should -Be 'pester-new01'
            (Get-VM -Name 'pester-new01').MemoryMB | Should -Be $before.MemoryMB
            Get-VMCount 'pester-new01' | Should -Be 1
        }

        It 'creates a 1 GB, 1 vCPU, diskless VM by default' {
            $vm = New-VM 'pester-defaults' -VMHost esx01
            $vm.MemoryMB | Should -Be 1024
            $vm.NumCpu | Should -Be 1
            "$($vm.PowerState)" | Should -Be 'PoweredOff'
            Remove-VM -VM $vm -DeletePermanently -Confirm:$false -Verbose 4>&1 | Where-Object { "$_" -like '*Deleted disk*' } | Should -BeNullOrEmpty
        }

        It 'takes the host by name and the same VM name on two hosts' {
            $first = New-VM -Name 'pester-twice' -VMHost 'esx01'
            $second = New-VM -Name 'pester-twice' -VMHost 'esx02'
            $first.VMHostName | Should -Be 'esx01'
            $second.VMHostName | Should -Be 'esx02'
            $first.Id | Should -Not -Be $second.Id
            Remove-VM -VM $first, $second -Confirm:$false
        }

        It 'connects several networks (the same one twice too)' {
            $vm = New-VM -Name 'pester-nics' -VMHost $esx01 -NetworkName 'VM Network', 'Priv172.17', 'VM Network' -ErrorVariable errs
            $errs.Count | Should -Be 0
            $vm.Name | Should -Be 'pester-nics'
            Remove-VM -VM $vm -Confirm:$false
        }

        It 'takes its settings by property name from piped objects' {
            $specs = @(
                [pscustomobject]@{ Name = 'pester-prop1'; VMHost = 'esx01'; MemoryMB = 512; NumCpu = 2; Notes = 'one' }
                [pscustomobject]@{ Name = 'pester-prop2'; VMHost = 'esx02'; MemoryMB = 768; NumCpu = 3; Notes = 'two' }
            )
            $out = @($specs | New-VM)
            $out.Name | Should -Be @('pester-prop1', 'pester-prop2')
            $out.VMHostName | Should -Be @('esx01', 'esx02')
            $out.MemoryMB | Should -Be @(512, 768)
            $out.NumCpu | Should -Be @(2, 3)
            $out.Notes | Should -Be @('one', 'two')
            Remove-VM -VM $out -Confirm:$false
        }

        It 'takes the host from the pipeline without taking the host''s own NumCpu for the VM' {
            # VMHost objects have a NumCpu property (the host's logical CPUs); it must not size the new VM.
            $vm = Get-VMHost -Name esx01 | New-VM -Name 'pester-hostpipe'
            $vm.VMHostName | Should -Be 'esx01'
            $vm.Name | Should -Be 'pester-hostpipe'
            $vm.NumCpu | Should -Be 1 -Because 'the default is 1 vCPU; the host has 32'
            Remove-VM -VM $vm -Confirm:$false
        }

        It 'creates the VM when its host is one of the servers given with -Server' {
            $vm = New-VM -Name 'pester-server' -VMHost 'esx02' -Server $lab.Servers[1]
            $vm.VMHostName | Should -Be 'esx02'
            Remove-VM -VM $vm -Confirm:$false
        }

        It 'writes VMHostNotFound (ObjectNotFound) when the host is not one of the servers given with -Server, creating nothing' {
            $out = New-VM -Name 'pester-server' -VMHost 'esx01' -Server $lab.Servers[1] -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "VMHostNotFound$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            Get-VMCount 'pester-server' | Should -Be 0
        }

        It 'creates nothing with -WhatIf' {
            New-VM -Name 'pester-whatif' -VMHost $esx01 -Datastore san01 -DiskGB 1 -WhatIf | Should -BeNullOrEmpty
            Get-VMCount 'pester-whatif' | Should -Be 0
            Assert-CanCreate 'pester-whatif'
        }
    }

    Context 'refusing bad input' {
        It 'writes <ErrorId> (<Category>) for <Label>, and leaves no VM and no volume behind' -ForEach @(
            @{ Label = 'MemoryMB 0'; Params = @{ MemoryMB = 0 }; ErrorId = 'InvalidMemorySize'; Category = 'InvalidArgument'; Target = 0 }
            @{ Label = 'MemoryMB -1024'; Params = @{ MemoryMB = -1024 }; ErrorId = 'InvalidMemorySize'; Category = 'InvalidArgument'; Target = -1024 }
            @{ Label = 'MemoryMB above the host''s 256 GB'; Params = @{ MemoryMB = 262145 }; ErrorId = 'InvalidMemorySize'; Category = 'InvalidArgument'; Target = 262145 }
            @{ Label = 'NumCpu 0'; Params = @{ NumCpu = 0 }; ErrorId = 'InvalidNumCpu'; Category = 'InvalidArgument'; Target = 0 }
            @{ Label = 'NumCpu -1'; Params = @{ NumCpu = -1 }; ErrorId = 'InvalidNumCpu'; Category = 'InvalidArgument'; Target = -1 }
            @{ Label = 'NumCpu 33 (the host has 32)'; Params = @{ NumCpu = 33 }; ErrorId = 'InvalidNumCpu'; Category = 'InvalidArgument'; Target = 33 }
            @{ Label = 'NumCpu 999'; Params = @{ NumCpu = 999 }; ErrorId = 'InvalidNumCpu'; Category = 'InvalidArgument'; Target = 999 }
            @{ Label = 'an unknown network'; Params = @{ NetworkName = 'nosuchnet' }; ErrorId = 'VirtualNetworkNotFound'; Category = 'ObjectNotFound'; Target = 'nosuchnet' }
            @{ Label = 'an unknown network after a known one'; Params = @{ NetworkName = 'VM Network', 'nosuchnet' }; ErrorId = 'VirtualNetworkNotFound'; Category = 'ObjectNotFound'; Target = 'nosuchnet' }
            @{ Label = 'a network name that differs in case'; Params = @{ NetworkName = 'vm network' }; ErrorId = 'VirtualNetworkNotFound'; Category = 'ObjectNotFound'; Target = 'vm network' }
            @{ Label = 'notes with a NUL character'; Params = @{ Notes = "bad`0notes" }; ErrorId = 'InvalidNotes'; Category = 'InvalidArgument' }
        ) {
            $name = 'pester-bad'
            $out = New-VM -Name $name -VMHost $esx01 -Datastore san01 -DiskGB 1 @Params -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "$ErrorId$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be $Category
            if ($null -ne $Target) { $errs[0].TargetObject | Should -Be $Target }
            Get-VMCount $name | Should -Be 0
            Assert-CanCreate $name
        }

        It 'writes DatastoreNotFound (ObjectNotFound) for an unknown datastore, and leaves nothing behind' {
            $out = New-VM -Name 'pester-nods' -VMHost $esx01 -Datastore 'nosuchds' -DiskGB 1 -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "DatastoreNotFound$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'nosuchds'
            Get-VMCount 'pester-nods' | Should -Be 0
            Assert-CanCreate 'pester-nods'
        }

        It 'writes DatastoreRequired (InvalidArgument) for -DiskGB without -Datastore' {
            $out = New-VM -Name 'pester-nodsgiven' -VMHost $esx01 -DiskGB 1 -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "DatastoreRequired$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-VMCount 'pester-nodsgiven' | Should -Be 0
            Assert-CanCreate 'pester-nodsgiven'
        }

        It 'rejects -DiskGB -1 at binding' {
            { New-VM -Name 'pester-negdisk' -VMHost $esx01 -Datastore san01 -DiskGB -1 -ErrorAction Stop } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.VMs.NewVMCommand'
            Get-VMCount 'pester-negdisk' | Should -Be 0
        }

        It 'rejects an empty name at binding' {
            { New-VM -Name '' -VMHost $esx01 -ErrorAction Stop } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.VMs.NewVMCommand'
        }

        It 'writes InvalidVMName (InvalidArgument, target = the name) for <Label>' -ForEach @(
            @{ Label = 'a slash (a/b)'; Name = 'a/b' }
            @{ Label = 'a leading space'; Name = ' lead' }
            @{ Label = 'a trailing space'; Name = 'trail ' }
            @{ Label = 'only spaces'; Name = '   ' }
            @{ Label = 'a tab'; Name = "tab`tname" }
            @{ Label = 'a newline'; Name = "new`nline" }
            @{ Label = 'a NUL character'; Name = "nul`0name" }
            @{ Label = 'an escape character'; Name = "esc$([char]27)[31mred" }
            @{ Label = '201 characters'; Name = ('n' * 201) }
            @{ Label = 'a path traversal (../x)'; Name = '../x' }
            @{ Label = 'a star, which no -VM could name exactly afterwards'; Name = '*' }
            @{ Label = 'a question mark'; Name = 'web?' }
            @{ Label = 'brackets'; Name = '[a]' }
            @{ Label = 'a closing bracket'; Name = 'web]01' }
        ) {
            $count = @(Get-VM).Count
            $out = New-VM -Name $Name -VMHost $esx01 -Datastore san01 -DiskGB 1 -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidVMName$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].TargetObject | Should -BeExactly $Name
            @(Get-VM).Count | Should -Be $count
        }

        It 'accepts a 200-character name' {
            $name = 'n' * 200
            $vm = New-VM -Name $name -VMHost $esx01
            $vm.Name | Should -BeExactly $name
            Remove-VM -VM $vm -Confirm:$false
        }

        It 'throws the error with -ErrorAction Stop' {
            { New-VM -Name 'pester-stop' -VMHost $esx01 -NumCpu 0 -ErrorAction Stop } | Should -Throw -ErrorId "InvalidNumCpu$ErrorSuffix"
        }
    }

    Context 'XML safety' {
        It 'never lets a name inject XML: it is refused (InvalidVMName) or kept exactly, and there is no VM named y' {
            $name = 'x</name><memory>1</memory><name>y'
            $vm = New-VM -Name $name -VMHost $esx01 -ErrorVariable errs -ErrorAction SilentlyContinue
            if ($errs.Count -gt 0) {
                $errs[0].FullyQualifiedErrorId | Should -Be "InvalidVMName$ErrorSuffix"
                $vm | Should -BeNullOrEmpty
            } else {
                $vm.Name | Should -BeExactly $name
                $vm.MemoryMB | Should -Be 1024
                Remove-VM -VM $vm -Confirm:$false
            }
            Get-VMCount 'y' | Should -Be 0
            Get-VMCount 'x' | Should -Be 0
        }

        It 'keeps a name with XML metacharacters exactly (notes with a CDATA end too)' {
            # Brackets are wildcard characters, refused in names: the CDATA end goes in the notes.
            $name = "pester-<x>&'`">"
            $vm = New-VM -Name $name -VMHost $esx01 -Notes ($name + ']]>')
            $vm.Name | Should -BeExactly $name
            (Get-VM -Name $name).Name | Should -BeExactly $name
            (Get-VM -Name $name).Notes | Should -BeExactly ($name + ']]>')
            Remove-VM -VM $vm -Confirm:$false
        }

        It 'stores notes that look like XML verbatim, without changing the vCPUs' {
            $notes = '</description><vcpu>64</vcpu>'
            $vm = New-VM -Name 'pester-notes-xml' -VMHost $esx01 -NumCpu 1 -Notes $notes
            $fresh = Get-VM -Name 'pester-notes-xml'
            $fresh.Notes | Should -BeExactly $notes
            $fresh.NumCpu | Should -Be 1
            Remove-VM -VM $vm -Confirm:$false
        }

        It 'keeps a network name that looks like XML out of the domain (VirtualNetworkNotFound)' {
            $out = New-VM -Name 'pester-net-xml' -VMHost $esx01 -NetworkName "VM Network'/><interface type='network'><source network='vMotion" -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be "VirtualNetworkNotFound$ErrorSuffix"
            Get-VMCount 'pester-net-xml' | Should -Be 0
        }
    }

    Context 'from domain XML' {
        BeforeAll {
            function script:New-DomainXml([string] $Name, [int] $MemoryKiB = 131072, [int] $Vcpu = 1) {
                "<domain type='test'><name>$Name</name><memory>$MemoryKiB</memory><vcpu>$Vcpu</vcpu><os><type>hvm</type></os></domain>"
            }
        }

        It 'defines a VM from minimal test-driver domain XML' {
            $out = @(New-VM -VMHost $esx01 -DomainXml (New-DomainXml 'pester-xml01' -MemoryKiB 262144 -Vcpu 2) -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $out.Count | Should -Be 1
            $vm = Get-VM -Name 'pester-xml01'
            $vm.Id | Should -Be $out[0].Id
            $vm.MemoryMB | Should -Be 256
            $vm.NumCpu | Should -Be 2
            "$($vm.PowerState)" | Should -Be 'PoweredOff'
        }

        It 'takes the host from the pipeline' {
            $vm = $esx01 | New-VM -DomainXml (New-DomainXml 'pester-xml02')
            $vm.Name | Should -Be 'pester-xml02'
            $vm.VMHostName | Should -Be 'esx01'
        }

        It 'writes VMAlreadyExists for XML naming an existing VM' {
            $out = New-VM -VMHost $esx01 -DomainXml (New-DomainXml 'pester-xml01') -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "VMAlreadyExists$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        }

        It 'creates nothing with -WhatIf' {
            New-VM -VMHost $esx01 -DomainXml (New-DomainXml 'pester-xml-whatif') -WhatIf | Should -BeNullOrEmpty
            Get-VMCount 'pester-xml-whatif' | Should -Be 0
        }

        It 'writes InvalidDomainXml (InvalidArgument) for <Label>, and defines nothing' -ForEach @(
            @{ Label = 'malformed XML'; Xml = "<domain type='test'><name>pester-bad-xml</name>" }
            @{ Label = 'text that is not XML'; Xml = 'not xml at all' }
            @{ Label = 'a root that is not <domain>'; Xml = "<network><name>pester-bad-xml</name></network>" }
            @{ Label = 'a <domain> in a namespace'; Xml = "<domain xmlns='urn:x' type='test'><name>pester-bad-xml</name></domain>" }
            @{ Label = 'a <domain> without type'; Xml = "<domain><name>pester-bad-xml</name><memory>131072</memory><os><type>hvm</type></os></domain>" }
            @{ Label = 'a <uuid> that is not a UUID'; Xml = "<domain type='test'><name>pester-bad-xml</name><uuid>zzz</uuid><memory>131072</memory><os><type>hvm</type></os></domain>" }
            @{ Label = 'XML the host refuses (no <os>)'; Xml = "<domain type='test'><name>pester-bad-xml</name><memory>131072</memory></domain>" }
            @{ Label = 'a DTD with an internal entity'; Xml = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY n 'pester-bad-xml'>]><domain type='test'><name>&n;</name><memory>131072</memory><os><type>hvm</type></os></domain>" }
            @{ Label = 'an external entity (XXE)'; Xml = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY n SYSTEM 'file:///etc/hostname'>]><domain type='test'><name>pester-bad-xml&n;</name><memory>131072</memory><os><type>hvm</type></os></domain>" }
        ) {
            $count = @(Get-VM).Count
            $out = New-VM -VMHost $esx01 -DomainXml $Xml -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidDomainXml$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            @(Get-VM).Count | Should -Be $count
            Get-VMCount 'pester-bad-xml' | Should -Be 0
        }

        It 'writes InvalidVMName for XML whose name element is not a valid VM name' {
            $out = New-VM -VMHost $esx01 -DomainXml (New-DomainXml 'a/b') -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidVMName$ErrorSuffix"
        }

        It 'refuses a billion-laughs document quickly' {
            $dtd = '<!ENTITY lol0 "lollollollollollollollollollol">'
            foreach ($i in 1..9) { $dtd += "<!ENTITY lol$i `"$("&lol$($i - 1);" * 10)`">" }
            $xml = "<?xml version='1.0'?><!DOCTYPE lolz [$dtd]><domain type='test'><name>&lol9;</name><memory>131072</memory><os><type>hvm</type></os></domain>"
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $out = New-VM -VMHost $esx01 -DomainXml $xml -ErrorVariable errs -ErrorAction SilentlyContinue
            $clock.Stop()
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidDomainXml$ErrorSuffix"
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        }

        It 'never expands the entities of a DTD: their text does not reach the error (nor the -WhatIf target)' {
            # The -WhatIf/-Confirm target and the error's target are built by the same name lookup.
            $small = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY e 'EXPANDED-ENTITY'>]><domain type='test'><name>&e;</name><memory>131072</memory><os><type>hvm</type></os></domain>"
            $null = New-VM -VMHost $esx01 -DomainXml $small -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidDomainXml$ErrorSuffix"
            "$($errs[0].TargetObject)" | Should -Not -BeLike '*EXPANDED-ENTITY*' -Because 'DTDs are refused before anything expands their entities'
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -VMHost out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { New-VM -Name 'secret01' -VMHost $uri })
            $records.FullyQualifiedErrorId | Should -Contain 'VMHostNotFound,VIToolkit.Commands.VMs.NewVMCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }
}
