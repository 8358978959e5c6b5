using System;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using VIToolkit.Core.Connections;
using Xunit;

namespace VIToolkit.Core.Tests;

/// <summary>Rules of the architecture, enforced.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly s_core = typeof(VIServer).Assembly;

    [Fact]
    public void Core_does_not_reference_PowerShell() =>
        Assert.DoesNotContain(s_core.GetReferencedAssemblies(), a => a.Name!.StartsWith("System.Management.Automation", StringComparison.Ordinal));

    [Fact]
    public void Interop_namespace_has_no_public_types() =>
        Assert.DoesNotContain(s_core.GetExportedTypes(), t => t.Namespace?.StartsWith("VIToolkit.Core.Interop", StringComparison.Ordinal) == true);

    [Fact]
    public void No_public_member_of_core_exposes_a_native_handle()
    {
        bool IsNative(Type t) => t == typeof(IntPtr) || t == typeof(UIntPtr) || typeof(SafeHandle).IsAssignableFrom(t) || t.IsPointer;
        var offenders =
            from type in s_core.GetExportedTypes()
            from member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            let exposed = member switch
            {
                PropertyInfo p => new[] { p.PropertyType },
                FieldInfo f => new[] { f.FieldType },
                MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType).ToArray(),
                ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType).ToArray(),
                _ => Array.Empty<Type>(),
            }
            where exposed.Any(IsNative)
            select $"{type.Name}.{member.Name}";
        Assert.Empty(offenders);
    }

    [Fact]
    public void Cmdlets_do_not_call_native_code_directly()
    {
        // Read the cmdlet assembly's metadata rather than loading it: it needs PowerShell to load.
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "VIToolkit.dll");
        using var stream = System.IO.File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var imports = metadata.MethodDefinitions
            .Select(metadata.GetMethodDefinition)
            .Where(m => !m.GetImport().Module.IsNil)
            .Select(m => metadata.GetString(m.Name))
            .ToList();
        Assert.Empty(imports);
    }
}
