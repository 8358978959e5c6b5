using System;

namespace VIToolkit.Core.Interop;

/// <summary>How far a running job (a migration) has got, from <c>virDomainGetJobInfo</c>.</summary>
internal readonly record struct JobProgress(bool Active, ulong ElapsedMs, ulong DataTotal, ulong DataProcessed, ulong DataRemaining);

/// <summary>What libvirt reports of a finished migration (<c>virDomainGetJobStats</c> with COMPLETED).</summary>
internal readonly record struct CompletedJob(ulong? DowntimeMs, ulong? ElapsedMs, ulong? DataProcessed, ulong? DataTotal);

internal sealed unsafe partial class NativeConnection
{
    /// <summary>
    /// Live, peer-to-peer migration: the source daemon talks to <paramref name="destinationUri"/> itself, the VM is made
    /// persistent there and undefined here only once it runs there. A failure leaves the VM running here.
    /// Blocks until the migration ends; <see cref="AbortJob"/> from another thread cancels it.
    /// </summary>
    internal void MigrateLive(Guid uuid, string destinationUri, string? dataUri)
    {
        using var domain = OpenDomain(uuid);
        IntPtr parameters = IntPtr.Zero;
        int count = 0, capacity = 0;
        try
        {
            if (!string.IsNullOrEmpty(dataUri))
            {
                Libvirt.Check(NativeMethods.virTypedParamsAddString(&parameters, &count, &capacity, "migrate_uri", dataUri), "virTypedParamsAddString");
            }
            const uint flags = NativeMethods.VIR_MIGRATE_LIVE | NativeMethods.VIR_MIGRATE_PEER2PEER | NativeMethods.VIR_MIGRATE_PERSIST_DEST
                | NativeMethods.VIR_MIGRATE_UNDEFINE_SOURCE | NativeMethods.VIR_MIGRATE_CHANGE_PROTECTION | NativeMethods.VIR_MIGRATE_ABORT_ON_ERROR;
            Libvirt.Check(NativeMethods.virDomainMigrateToURI3(domain, destinationUri, parameters, count, flags), "virDomainMigrateToURI3");
        }
        finally
        {
            if (parameters != IntPtr.Zero)
            {
                NativeMethods.virTypedParamsFree(parameters, count);
            }
        }
    }

    /// <summary>The VM's running job, if any; a VM that vanished (the migration just finished) reports none.</summary>
    internal JobProgress GetJobProgress(Guid uuid)
    {
        using var domain = OpenDomain(uuid);
        DomainJobInfo info;
        Libvirt.Check(NativeMethods.virDomainGetJobInfo(domain, &info), "virDomainGetJobInfo");
        return new JobProgress(info.Type is 1 or 2, info.TimeElapsedMs, info.DataTotal, info.DataProcessed, info.DataRemaining);
    }

    /// <summary>The statistics of the VM's last completed job (on a migration's destination: the incoming migration).</summary>
    internal CompletedJob GetCompletedJob(Guid uuid)
    {
        using var domain = OpenDomain(uuid);
        int type;
        IntPtr parameters;
        int count;
        Libvirt.Check(NativeMethods.virDomainGetJobStats(domain, &type, &parameters, &count, NativeMethods.VIR_DOMAIN_JOB_STATS_COMPLETED), "virDomainGetJobStats");
        try
        {
            return new CompletedJob(ReadULong(parameters, count, "downtime"), ReadULong(parameters, count, "time_elapsed"),
                ReadULong(parameters, count, "data_processed"), ReadULong(parameters, count, "data_total"));
        }
        finally
        {
            NativeMethods.virTypedParamsFree(parameters, count);
        }
    }

    private static ulong? ReadULong(IntPtr parameters, int count, string name)
    {
        ulong value;
        return NativeMethods.virTypedParamsGetULLong(parameters, count, name, &value) == 1 ? value : null;
    }

    /// <summary>Cancels the VM's running job (a migration: the VM keeps running here).</summary>
    internal void AbortJob(Guid uuid)
    {
        using var domain = OpenDomain(uuid);
        Libvirt.Check(NativeMethods.virDomainAbortJob(domain), "virDomainAbortJob");
    }
}
