# Test-ClusterCompatibility's Cpu and Hypervisor categories on real libvirtd + QEMU hosts (private daemons started
# here): libvirt's baseline and hypervisor CPU comparison, and duplicate host UUIDs.
BeforeDiscovery {
    & bash (Join-Path $PSScriptRoot '../hosts/testhost.sh') can-run
    $script:canRun = $LASTEXITCODE -eq 0
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:testHost = Join-Path $PSScriptRoot '../hosts/testhost.sh'
}

Describe 'Cluster compatibility on real QEMU hosts' -Tag Integration {
    BeforeAll {
        if (-not $canRun) { return }
        $script:savedInventory = $env:VITOOLKIT_INVENTORY
        $script:root = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-cpu-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $env:VITOOLKIT_INVENTORY = Join-Path $root 'inventory.json'
        $twin = [guid]::NewGuid().ToString()
        $script:servers = foreach ($h in @(@{ Name = 'kvm01'; Uuid = '' }, @{ Name = 'kvm02'; Uuid = '' }, @{ Name = 'kvm03'; Uuid = $twin }, @{ Name = 'kvm04'; Uuid = $twin })) {
            $dir = Join-Path $root $h.Name
            $socket = if ($h.Uuid) { & bash $testHost start $dir $h.Uuid } else { & bash $testHost start $dir }
            if ($LASTEXITCODE -ne 0) { throw "Could not start test host $($h.Name)" }
            Connect-VIServer "qemu+unix:///system?socket=$socket" -Name $h.Name -NotDefault
        }
    }
    AfterAll {
        if (-not $canRun) { return }
        $servers | Disconnect-VIServer -Confirm:$false -ErrorAction SilentlyContinue
        foreach ($name in 'kvm01', 'kvm02', 'kvm03', 'kvm04') { & bash $testHost stop (Join-Path $root $name) }
        Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
        $env:VITOOLKIT_INVENTORY = $savedInventory
    }

    It 'compares CPUs with libvirt against a cluster baseline' -Skip:(-not $canRun) {
        $null = New-Cluster -Name Real -VMHost $servers[0].Name, $servers[1].Name
        $cpu = @(Test-ClusterCompatibility -Cluster Real -Include Cpu)
        $cpu.Count | Should -Be 2
        $cpu.Result | Sort-Object -Unique | Should -Be 'Passed'
        $cpu.Code | Sort-Object -Unique | Should -Be 'CpuCompatible'
        $cpu[0].Message | Should -Match 'HypervisorCompare'
        $cpu[0].Source | Should -Be 'virConnectCompareHypervisorCPU'
    }

    It 'reports distinct host UUIDs as passed and the driver and version as the same' -Skip:(-not $canRun) {
        $hv = Test-ClusterCompatibility -Cluster Real -Include Hypervisor
        ($hv | Where-Object Check -eq HostUuid).Code | Sort-Object -Unique | Should -Be 'UniqueHostUuid'
        ($hv | Where-Object Check -eq Driver).Code | Sort-Object -Unique | Should -Be 'SameDriver'
    }

    It 'fails two hosts that share a UUID' -Skip:(-not $canRun) {
        $hv = Test-ClusterCompatibility -VMHost $servers[2].Name, $servers[3].Name -Include Hypervisor | Where-Object Check -eq HostUuid
        $hv.Result | Sort-Object -Unique | Should -Be 'Failed'
        $hv.Code | Sort-Object -Unique | Should -Be 'DuplicateHostUuid'
        $hv[0].Message | Should -Match 'kvm03' 
        $hv[0].Message | Should -Match 'kvm04'
    }
}
