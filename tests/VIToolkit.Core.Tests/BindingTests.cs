using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Interop;
using Xunit;

namespace VIToolkit.Core.Tests;

/// <summary>The P/Invoke layer against the real libvirt test driver.</summary>
public sealed class BindingTests : IClassFixture<LabFixture>
{
    private readonly LabFixture _lab;

    public BindingTests(LabFixture lab) => _lab = lab;

    [Theory]
    [InlineData(42, 0, ErrorKind.NotFound)]
    [InlineData(43, 0, ErrorKind.NotFound)]
    [InlineData(49, 0, ErrorKind.NotFound)]
    [InlineData(45, 0, ErrorKind.AuthenticationFailed)]
    [InlineData(3, 0, ErrorKind.NotSupported)]
    [InlineData(91, 0, ErrorKind.Incompatible)]
    [InlineData(55, 0, ErrorKind.InvalidState)]
    [InlineData(28, 0, ErrorKind.AlreadyExists)]
    [InlineData(39, 0, ErrorKind.Unreachable)]
    [InlineData(1, 7, ErrorKind.Unreachable)]      // internal error from the RPC layer: the daemon is gone
    [InlineData(1, 10, ErrorKind.OperationFailed)] // internal error of the QEMU driver is not a connectivity problem
    [InlineData(9999, 0, ErrorKind.OperationFailed)]
    public void Error_codes_map_to_kinds(int code, int domain, ErrorKind expected) =>
        Assert.Equal(expected, Libvirt.Classify(code, domain, connecting: false));

    [Fact]
    public void System_errors_while_connecting_mean_unreachable() =>
        Assert.Equal(ErrorKind.Unreachable, Libvirt.Classify(38, 0, connecting: true));

    [Fact]
    public void Missing_domain_is_null_not_an_exception()
    {
        Assert.Null(_lab.Servers[0].Invoke(native => native.FindDomainByName("no-such-vm")));
        Assert.Null(_lab.Servers[0].Invoke(native => native.FindDomainByUuid(Guid.NewGuid())));
    }

    [Fact]
    public void Missing_host_file_is_an_invalid_uri()
    {
        var error = Assert.ThrowsAny<VIToolkitException>(() => new VIToolkit.Core.Engine.VISession().Connections.Connect("test:///no/such/host.xml", null, null, false, out _));
        Assert.Equal("InvalidUri", error.ErrorId);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Malformed_host_file_keeps_the_libvirt_error()
    {
        string file = Path.Combine(_lab.Folder, "broken.xml");
        File.WriteAllText(file, "<node><cpu>");
        var error = Assert.ThrowsAny<VIToolkitException>(() => new VIToolkit.Core.Engine.VISession().Connections.Connect("test://" + file, null, null, false, out _));
        Assert.NotNull(error.Libvirt);
        Assert.Equal("virConnectOpenAuth", error.Libvirt!.Operation);
        Assert.NotEqual(0, error.Libvirt.Code);
    }

    [Fact]
    public void A_wrong_password_never_rides_on_an_open_connection()
    {
        string file = Path.Combine(_lab.Folder, "auth-reuse.xml");
        File.WriteAllText(file, File.ReadAllText(_lab.Hosts[0].Path).Replace("<node>", "<node><auth><user password=\"right\">admin</user></auth>", StringComparison.Ordinal));
        var manager = new VIToolkit.Core.Engine.VISession().Connections;
        var server = manager.Connect("test://" + file, null, new NetworkCredential("admin", "right"), false, out _);
        try
        {
            var error = Assert.ThrowsAny<VIToolkitException>(() => manager.Connect("test://" + file, null, new NetworkCredential("admin", "wrong"), false, out _));
            Assert.Equal("AuthenticationFailed", error.ErrorId);
            Assert.Same(server, manager.Connect("test://" + file, null, new NetworkCredential("admin", "right"), false, out bool reused));
            Assert.True(reused);
        }
        finally
        {
            manager.Disconnect(server);
        }
    }

    [Fact]
    public void Refused_tcp_connection_is_unreachable_and_redacted()
    {
        var error = Assert.ThrowsAny<VIToolkitException>(() =>
            new VIToolkit.Core.Engine.VISession().Connections.Connect("qemu+tcp://admin:Secr3tPw@127.0.0.1:1/system", null, null, false, out _));
        Assert.Equal("HostUnreachable", error.ErrorId);
        Assert.Equal(ErrorKind.Unreachable, error.Kind);
        Assert.DoesNotContain("Secr3tPw", error.ToString());
        Assert.DoesNotContain("Secr3tPw", error.Target?.ToString() ?? string.Empty);
    }

    [Fact]
    public void Auth_callback_offers_the_credential_only_when_asked()
    {
        string file = Path.Combine(_lab.Folder, "auth-host.xml");
        string lab = File.ReadAllText(_lab.Hosts[0].Path);
        File.WriteAllText(file, lab.Replace("<node>", "<node><auth><user password=\"s3cret-pw\">admin</user></auth>", StringComparison.Ordinal));
        var manager = new VIToolkit.Core.Engine.VISession().Connections;

        var wrong = Assert.ThrowsAny<VIToolkitException>(() =>
            manager.Connect("test://" + file, null, new NetworkCredential("admin", "bad-pw"), false, out _));
        Assert.Equal("AuthenticationFailed", wrong.ErrorId);
        Assert.DoesNotContain("bad-pw", wrong.ToString());

        var none = Assert.ThrowsAny<VIToolkitException>(() => manager.Connect("test://" + file, null, null, false, out _));
        Assert.Equal("AuthenticationFailed", none.ErrorId);

        var server = manager.Connect("test://" + file, null, new NetworkCredential("admin", "s3cret-pw"), false, out _);
        try
        {
            Assert.True(server.IsConnected);
            Assert.Equal("admin", server.User);
            Assert.Equal(10, server.Invoke(native => native.ListDomains()).Count);
        }
        finally
        {
            manager.Disconnect(server);
        }
    }

    [Fact]
    public void Closed_connection_fails_fast_with_host_unreachable()
    {
        var manager = new VIToolkit.Core.Engine.VISession().Connections;
        var server = manager.Connect(_lab.Hosts[0].Uri, "closing", null, false, out _);
        manager.Disconnect(server);
        manager.Disconnect(server); // twice is harmless
        var error = Assert.Throws<HostUnreachableException>(() => server.Invoke(native => native.ListDomains()));
        Assert.Same(server, error.Target);
        Assert.Equal(Model.HostConnectionState.Disconnected, server.ConnectionState);
    }

    [Fact]
    public void Connecting_twice_reuses_the_connection()
    {
        var manager = new VIToolkit.Core.Engine.VISession().Connections;
        var first = manager.Connect(_lab.Hosts[2].Uri, null, null, false, out bool firstReused);
        var second = manager.Connect(_lab.Hosts[2].Uri, null, null, false, out bool secondReused);
        Assert.False(firstReused);
        Assert.True(secondReused);
        Assert.Same(first, second);
        manager.Disconnect(first);
    }

    [Fact]
    public void One_connection_serves_many_threads_and_errors_stay_on_their_thread()
    {
        var server = _lab.Servers[0];
        string known = server.Invoke(native => native.ListDomains())[0].Name;
        int failures = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (int i = 0; i < 300; i++)
            {
                // Interleave failing and succeeding calls: a thread must never see another thread's error.
                bool found = server.Invoke(native => native.FindDomainByName(i % 2 == 0 ? known : "missing-" + worker)) is not null;
                if (found != (i % 2 == 0))
                {
                    Interlocked.Increment(ref failures);
                }
                if (i % 50 == 0)
                {
                    Assert.Equal(10, server.Invoke(native => native.ListDomains()).Count);
                }
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Read_only_connections_can_read()
    {
        var manager = new VIToolkit.Core.Engine.VISession().Connections;
        var server = manager.Connect(_lab.Hosts[0].Uri, null, null, readOnly: true, out _);
        Assert.True(server.ReadOnly);
        Assert.Equal(10, server.Invoke(native => native.ListDomains()).Count);
        manager.Disconnect(server);
    }
}

/// <summary>Runs alone: its figures (native heap, open files) belong to the whole process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideFigures
{
    public const string Name = "Process-wide figures";
}

/// <summary>Connections that are closed leave nothing behind, counted where it would show.</summary>
[Collection(ProcessWideFigures.Name)]
public sealed class ConnectionLeakTests : IClassFixture<LabFixture>
{
    private const int Cycles = 200;
    private readonly LabFixture _lab;

    public ConnectionLeakTests(LabFixture lab) => _lab = lab;

    [Fact]
    public void Many_connections_open_and_close_without_leaking()
    {
        var manager = new VIToolkit.Core.Engine.VISession().Connections;
        void Cycle(int count)
        {
            for (int i = 0; i < count; i++)
            {
                var server = manager.Connect(_lab.Hosts[1].Uri, null, null, readOnly: i % 2 == 0, out _);
                Assert.Equal(10, server.Invoke(native => native.ListDomains()).Count);
                manager.Disconnect(server);
            }
        }
        Cycle(Cycles); // warm-up: JIT and libvirt's one-time set-up allocate too
        Settle();
        int finalized = ConnectHandle.ReleasedByFinalizer, referenced = ConnectHandle.ClosedWhileReferenced;
        int files = OpenFileCount();
        var growth = new long[3];
        for (int round = 0; round < growth.Length; round++)
        {
            long before = NativeHeapInUse();
            Cycle(Cycles);
            Settle();
            growth[round] = NativeHeapInUse() - before;
        }

        Assert.Empty(manager.Servers);
        var leaks = new List<string>();
        int measured = growth.Length * Cycles;
        // Every connection was closed by Dispose, none by the finalizer (a forgotten connection).
        if (ConnectHandle.ReleasedByFinalizer - finalized is > 0 and var forgotten)
        {
            leaks.Add($"{forgotten} of {measured} connections were closed by the finalizer, not by Dispose");
        }
        // libvirt freed every connection when it was closed: nothing (a domain object, a callback) still held it.
        if (ConnectHandle.ClosedWhileReferenced - referenced is > 0 and var held)
        {
            leaks.Add($"{held} of {measured} connections were still referenced in libvirt when closed");
        }
        // No file or socket left open; a few descriptors of slack for the runtime's own.
        if (OpenFileCount() - files is > 4 and var opened)
        {
            leaks.Add($"{opened} more open file descriptors after {measured} connections");
        }
        // A connection that libvirt keeps holds this host's parsed state, about 110 KB: 200 of them some 22 MB. The
        // runtime's own allocations move the figure by a few MB now and then, so one clean round of three is asked.
        if (growth.Min() >= 2 * 1024 * 1024)
        {
            leaks.Add($"the native heap grew by {string.Join(", ", growth.Select(g => $"{g / 1024} KB"))} in rounds of {Cycles} connections");
        }
        Assert.True(leaks.Count == 0, string.Join("; ", leaks));
    }

    /// <summary>Collects garbage and runs finalizers, so that what only a finalizer frees is freed before counting.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static int OpenFileCount() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    // glibc's allocator statistics: bytes in use, in the heap (uordblks) and in mmapped blocks (hblkhd). libvirt
    // allocates with malloc (through GLib); the .NET GC heap is not in these figures.
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, OrdBlks, SmBlks, HBlks, HBlkHd, UsmBlks, FsmBlks, UordBlks, FordBlks, KeepCost;
    }

    [DllImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 MallocInfo();

    private static long NativeHeapInUse()
    {
        var info = MallocInfo();
        return (long)info.UordBlks + (long)info.HBlkHd;
    }
}
