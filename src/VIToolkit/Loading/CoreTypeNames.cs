using System;
using System.Management.Automation;
using System.Reflection;

namespace VIToolkit.Loading;

/// <summary>
/// PowerShell resolves a type name (<c>[VIToolkit.Core.Model.VirtualMachine]</c>, <c>-is</c>, <c>-as</c>, a
/// <c>[type]</c> argument) only in the assemblies of the default load context: it hides those of other contexts on
/// purpose. Core's public types are part of the module's surface, so they are registered under their full names as
/// type accelerators, which PowerShell consults as well.
/// </summary>
internal static class CoreTypeNames
{
    internal static void Register(Assembly core)
    {
        // TypeAccelerators is internal to PowerShell, but its Add is the long-standing way modules publish type names.
        Type? accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
        MethodInfo? add = accelerators?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, new[] { typeof(string), typeof(Type) });
        if (add is null)
        {
            return;
        }
        foreach (Type type in core.GetExportedTypes())
        {
            add.Invoke(null, new object[] { type.FullName!, type });
        }
    }
}
