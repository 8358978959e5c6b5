using System;

namespace VIToolkit.Core.Model;

/// <summary>
/// A libvirt domain as read in one pass: identity, state and sizing, no handle. Interop produces it and
/// <see cref="VirtualMachine"/> is made from it; it lives here so that the model does not depend on the binding.
/// </summary>
internal readonly record struct DomainRecord(
    string Name, Guid Uuid, DomainState State, ulong MaxMemoryKiB, ulong MemoryKiB, int VirtualCpus,
    string? Description, bool HasManagedSave, bool Persistent);
