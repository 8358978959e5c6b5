BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-VMConsole'
}

Describe 'Get-VMConsole parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Server', 'ThrottleLimit', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VM by position 0, from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VM'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'only reads: no ShouldProcess' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeFalse
    }
}

Describe 'Get-VMConsole on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 3 -PowerState PoweredOff
        $script:names = @(Get-VM).Name
        $script:made = New-VM -Name 'pester-console' -VMHost esx01
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'shows the VNC display New-VM adds: no port and a note while the VM is off' {
        $out = @(Get-VMConsole -VM $made)
        $out.Count | Should -Be 1
        $console = $out[0]
        $console | Should -BeOfType ([VIToolkit.Core.Model.VMConsole])
        $console.Type | Should -Be 'vnc'
        $console.VMName | Should -Be 'pester-console'
        $console.VM.Id | Should -Be $made.Id
        $console.Port | Should -BeNullOrEmpty
        $console.Uri | Should -BeNullOrEmpty
        $console.Listen | Should -Be '127.0.0.1'
        $console.Note | Should -BeLike '*not running*'
        "$console" | Should -Be 'vnc (no port)'
    }

    It 'still has no port on a running simulated VM, and says why' {
        $null = Start-VM $made
        $console = Get-VMConsole 'pester-console'
        $console.Type | Should -Be 'vnc'
        $console.Port | Should -BeNullOrEmpty
        $console.Note | Should -BeLike '*Simulated*'
        "$($console.VM.PowerState)" | Should -Be 'PoweredOn'
        $null = Stop-VM $made -Confirm:$false
    }

    It 'gives Type none (with a note) for a lab VM without graphics' {
        $console = Get-VMConsole $names[0]
        $console.Type | Should -Be 'none'
        $console.Port | Should -BeNullOrEmpty
        $console.Note | Should -BeLike '*no graphical display*'
        $console.VMName | Should -Be $names[0]
    }

    It 'gives one console per VM piped in, in input order, restricted with -Server' {
        $vms = @(Get-VM -Server $lab.Servers[0])
        $out = @(Get-VM | Get-VMConsole -Server $lab.Servers[0])
        $out.VMName | Should -Be $vms.Name
        @($out | Where-Object VMName -eq 'pester-console').Type | Should -Be 'vnc'
    }

    It 'takes VMs by wildcard' {
        $out = @(Get-VMConsole 'pester-*')
        $out.VMName | Should -Be @('pester-console')
    }

    It 'writes VMNotFound for a VM removed meanwhile and answers for the others' {
        $vms = @(Get-VM -Server $lab.Servers[1])
        $gone = $vms[1]
        Remove-VM -VM $gone -Confirm:$false
        $out = @($vms | Get-VMConsole -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.VMs.GetVMConsoleCommand'
        $out.VMName | Should -Be @($vms | Where-Object Id -ne $gone.Id).Name
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Get-VMConsole -VM $vm }
        }
    }
}
