# Real libvirtd + QEMU test hosts for integration tests and benchmarks, on top of testhost.sh (which needs root).
# Each host gets its own folder, host UUID and unix socket; guests are tiny diskless QEMU VMs idling in the BIOS.

$script:TestHostScript = Join-Path $PSScriptRoot 'testhost.sh'
$script:NextSlot = Get-Random -Minimum 0 -Maximum 200

function Test-TestHostSupport {
    <# True when this machine can run test hosts (root, unshare, libvirtd, the libvirt-qemu user). #>
    & bash $script:TestHostScript can-run
    $LASTEXITCODE -eq 0
}

function Start-TestHost {
    <# Starts -Count private libvirtd hosts named kvm01… under a fresh folder; returns {Name, Dir, Socket, Uri, Uuid}. #>
    param([int] $Count = 2, [string] $Prefix = 'kvm', [string] $Root = (Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-hosts-" + [guid]::NewGuid().ToString('N').Substring(0, 8))))
    $hosts = foreach ($i in 1..$Count) {
        $name = '{0}{1:d2}' -f $Prefix, $i
        $dir = Join-Path $Root $name
        $uuid = [guid]::NewGuid().ToString()
        # Slots 0-199 give each host its own display and migration ports (all hosts share this machine's network).
        $slot = ($script:NextSlot++) % 200
        $socket = & bash $script:TestHostScript start $dir $uuid $slot
        if ($LASTEXITCODE -ne 0) { throw "Could not start test host $name in $dir" }
        [pscustomobject]@{ Name = $name; Dir = $dir; Socket = $socket; Uri = "qemu+unix:///system?socket=$socket"; Uuid = $uuid; Root = $Root; Slot = $slot }
    }
    $hosts
}

function Stop-TestHost {
    <# Stops the hosts' daemons and guests by their PIDs and removes their folders. #>
    param([Parameter(ValueFromPipeline)] $TestHost, [switch] $Keep)
    process {
        foreach ($h in $TestHost) {
            & bash $script:TestHostScript stop $h.Dir
            if (-not $Keep) { Remove-Item -LiteralPath $h.Dir -Recurse -Force -ErrorAction SilentlyContinue }
        }
    }
}

function Restart-TestHost {
    <# Starts a stopped or killed host again in the same folder with the same UUID (libvirt reattaches to its guests). #>
    param($TestHost)
    $null = & bash $script:TestHostScript start $TestHost.Dir $TestHost.Uuid $TestHost.Slot
    if ($LASTEXITCODE -ne 0) { throw "Could not restart test host $($TestHost.Name)" }
}

function Stop-TestHostDaemon {
    <# kill -9 of the daemon only: its guests keep running, as when libvirtd crashes. #>
    param($TestHost)
    & bash $script:TestHostScript kill $TestHost.Dir
}

function Get-TestGuestXml {
    <#
    A diskless guest that idles in the BIOS: KVM where /dev/kvm works, TCG otherwise.
    -BiosLogPath: QEMU writes SeaBIOS's log (its debug console, port 0x402) to that file, one log per boot, and SeaBIOS
    waits instead of rebooting by itself when nothing boots (rebootTimeout -1). -TracePath: QEMU traces there each
    ACPI power-button press (qemu_system_powerdown_request, as for virDomainReboot or virsh reboot).
    #>
    param([string] $Name, [int] $MemoryMiB = 64, [string] $BiosLogPath, [string] $TracePath)
    $kvm = Test-Path /dev/kvm
    $type = if ($kvm) { 'kvm' } else { 'qemu' }
    $model = if ($kvm) { 'kvm64' } else { 'qemu64' }
    $bios = ''
    $arguments = @()
    if ($BiosLogPath) {
        $bios = "<bios rebootTimeout='-1'/>"
        $arguments += '-chardev', "file,id=bioslog,path=$BiosLogPath", '-device', 'isa-debugcon,iobase=0x402,chardev=bioslog'
    }
    if ($TracePath) { $arguments += '-trace', "enable=qemu_system_powerdown_request,file=$TracePath" }
    $namespace = ''
    $commandLine = ''
    if ($arguments) {
        $namespace = " xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'"
        $commandLine = '<qemu:commandline>' + (($arguments | ForEach-Object { "<qemu:arg value='$([System.Security.SecurityElement]::Escape($_))'/>" }) -join '') + '</qemu:commandline>'
    }
    "<domain type='$type'$namespace><name>$Name</name><memory unit='MiB'>$MemoryMiB</memory><vcpu>1</vcpu>" +
    "<os><type arch='x86_64' machine='pc'>hvm</type>$bios</os><cpu mode='custom' match='exact'><model>$model</model></cpu>" +
    "<devices><graphics type='vnc' port='-1' listen='127.0.0.1'/></devices>$commandLine</domain>"
}

function New-TestGuest {
    <# Defines and starts a guest on a test host through virsh (a test fixture, independent of the module under test). #>
    param([Parameter(Mandatory)] $TestHost, [Parameter(Mandatory)] [string] $Name, [int] $MemoryMiB = 64, [switch] $NoStart,
        [string] $BiosLogPath, [string] $TracePath)
    $file = [System.IO.Path]::GetTempFileName()
    try {
        Set-Content -LiteralPath $file -Value (Get-TestGuestXml -Name $Name -MemoryMiB $MemoryMiB -BiosLogPath $BiosLogPath -TracePath $TracePath)
        $out = & virsh -q -c $TestHost.Uri define $file 2>&1
        if ($LASTEXITCODE -ne 0) { throw "virsh define $Name failed: $out" }
        if (-not $NoStart) {
            $out = & virsh -q -c $TestHost.Uri start $Name 2>&1
            if ($LASTEXITCODE -ne 0) { throw "virsh start $Name failed: $out" }
        }
    }
    finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
}

function Get-RunningCopy {
    <# Where a guest (by name) runs, asked of every host with virsh: the names of the hosts where it is running. #>
    param([Parameter(Mandatory)] $TestHost, [Parameter(Mandatory)] [string] $Name)
    foreach ($h in $TestHost) {
        $state = & virsh -q -c $h.Uri domstate $Name 2>$null
        if ($LASTEXITCODE -eq 0 -and "$state".Trim() -in 'running', 'paused') { $h.Name }
    }
}

Export-ModuleMember -Function Test-TestHostSupport, Start-TestHost, Stop-TestHost, Restart-TestHost, Stop-TestHostDaemon, Get-TestGuestXml, New-TestGuest, Get-RunningCopy
