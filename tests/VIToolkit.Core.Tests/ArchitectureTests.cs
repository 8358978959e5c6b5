using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using VIToolkit.Core.Connections;
using Xunit;

namespace VIToolkit.Core.Tests;

/// <summary>
/// Rules of the architecture, enforced over the compiled Core assembly: its types' signatures by reflection, and what
/// method bodies use (calls, field and type references, lambdas and iterators included) by reading their IL.
/// </summary>
public sealed class ArchitectureTests
{
    private const string InteropNamespace = "VIToolkit.Core.Interop";
    private const string ModelNamespace = "VIToolkit.Core.Model";
    private const string MigrationNamespace = "VIToolkit.Core.Migration";
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Assembly s_core = typeof(VIServer).Assembly;
    private static readonly Type s_nativeMethods = s_core.GetType(InteropNamespace + ".NativeMethods", throwOnError: true)!;
    private static readonly Assembly s_cmdlets = typeof(VIToolkit.Base.VIToolkitCmdlet).Assembly;

    [Fact]
    public void Core_does_not_reference_PowerShell() =>
        Assert.DoesNotContain(s_core.GetReferencedAssemblies(), a => a.Name!.StartsWith("System.Management.Automation", StringComparison.Ordinal));

    [Fact]
    public void Interop_namespace_has_no_public_types() =>
        Assert.DoesNotContain(s_core.GetExportedTypes(), t => InNamespace(t, InteropNamespace));

    [Fact]
    public void No_public_member_of_core_exposes_a_native_handle()
    {
        var offenders =
            from type in s_core.GetExportedTypes()
            from exposed in PublicSurface(type)
            where IsNative(exposed.Type)
            select $"{type.FullName}: {exposed.Where} is {exposed.Type}";
        AssertNone(offenders);
    }

    [Fact]
    public void Only_the_interop_namespace_uses_NativeMethods()
    {
        var offenders =
            from type in s_core.GetTypes()
            where !InNamespace(type, InteropNamespace)
            from method in MethodsWithBodies(type)
            from used in UsedMembers(method)
            where used.DeclaringType == s_nativeMethods
            select $"{type.FullName}.{method.Name} uses NativeMethods.{used.Name}";
        AssertNone(offenders);
    }

    [Fact]
    public void The_IL_reader_sees_interop_calling_libvirt()
    {
        // Guards the rule above against passing because the reader sees nothing.
        var connection = s_core.GetType(InteropNamespace + ".NativeConnection", throwOnError: true)!;
        var called = connection.GetNestedTypes(Declared).Prepend(connection)
            .SelectMany(MethodsWithBodies).SelectMany(UsedMembers)
            .Where(m => m.DeclaringType == s_nativeMethods).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("virDomainCreate", called); // a method group handed to a delegate
        Assert.Contains("virDomainPMWakeup", called); // a call inside a lambda
        Assert.Contains("virConnectOpenAuth", called);
    }

    [Fact]
    public void The_model_does_not_depend_on_migration_or_interop()
    {
        var offenders =
            from type in s_core.GetTypes()
            where InNamespace(type, ModelNamespace)
            from use in Dependencies(type)
            where InNamespace(use.Type, MigrationNamespace) || InNamespace(use.Type, InteropNamespace)
            select $"{type.FullName}: {use.Where} uses {use.Type.FullName}";
        AssertNone(offenders);
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

    [Fact]
    public void Argument_transformations_look_nothing_up()
    {
        // PowerShell runs transformations while it binds parameters, once per binding attempt: a lookup there talks
        // to hosts or reads the inventory before the command runs, and can only fail as a binding error. They turn
        // input into arguments; the commands resolve them (Base/*Resolver) when they run.
        var transformations = s_cmdlets.GetTypes().Where(t => typeof(System.Management.Automation.ArgumentTransformationAttribute).IsAssignableFrom(t));
        var offenders =
            from reached in ReachedInCmdlets(transformations)
            from used in UsedMembers(reached)
            where IsLookup(used)
            select $"{reached.DeclaringType!.FullName}.{reached.Name} uses {used.DeclaringType!.FullName}.{used.Name}";
        AssertNone(offenders);
    }

    [Fact]
    public void The_IL_reader_sees_the_resolvers_look_up()
    {
        // Guards the rule above against passing because the walk sees nothing.
        var resolvers = new[] { "HostResolver", "VMResolver", "ClusterResolver", "TaskResolver" }
            .Select(name => s_cmdlets.GetType("VIToolkit.Base." + name, throwOnError: true)!);
        var lookups = ReachedInCmdlets(resolvers).SelectMany(UsedMembers).Where(IsLookup)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToHashSet(StringComparer.Ordinal);
        Assert.Contains("VMService.Query", lookups);
        Assert.Contains("VISession.get_Inventory", lookups);
        Assert.Contains("TaskManager.get_All", lookups);
    }

    [Fact]
    public void Resolvers_do_not_read_hosts()
    {
        // Resolving a host name needs only the session's connections: a VMHost is built (GetVMHost lists every domain
        // of the host) by the commands that show hosts, never to resolve an argument.
        var resolvers = s_cmdlets.GetTypes().Where(t => t.Namespace == "VIToolkit.Base" && t.Name.EndsWith("Resolver", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(resolvers);
        var offenders =
            from reached in ReachedInCmdlets(resolvers)
            from used in UsedMembers(reached)
            where (used.DeclaringType == typeof(Services.HostService) && used.Name == nameof(Services.HostService.GetVMHost))
                || (used.DeclaringType?.Assembly == s_core && used.Name == "get_VMHost")
            select $"{reached.DeclaringType!.FullName}.{reached.Name} uses {used.DeclaringType!.FullName}.{used.Name}";
        AssertNone(offenders);
    }

    /// <summary>
    /// True for a Core member that may do I/O or read shared state. Allowed: reading a property of a snapshot object
    /// (but not a VM's or datastore's VMHost, which is read from its host on first use), and redacting text.
    /// </summary>
    private static bool IsLookup(MemberInfo member)
    {
        var type = member.DeclaringType;
        if (type is null || type.Assembly != s_core || type == typeof(Redaction))
        {
            return false;
        }
        bool snapshot = InNamespace(type, ModelNamespace) || type == typeof(VIServer) || type == typeof(ConnectionUri)
            || type == typeof(Clusters.Cluster) || type == typeof(Tasks.VITask);
        bool getter = member is MethodInfo { IsSpecialName: true } method && method.Name.StartsWith("get_", StringComparison.Ordinal);
        return !(snapshot && getter && member.Name != "get_VMHost");
    }

    /// <summary>The methods of these cmdlet-assembly types (and their nested ones: lambdas, iterators), and every cmdlet-assembly method they call, transitively.</summary>
    private static IEnumerable<MethodBase> ReachedInCmdlets(IEnumerable<Type> types)
    {
        var pending = new Stack<MethodBase>(types.SelectMany(WithNested).SelectMany(MethodsWithBodies));
        var seen = new HashSet<MethodBase>();
        while (pending.Count > 0)
        {
            var method = pending.Pop();
            if (!seen.Add(method))
            {
                continue;
            }
            yield return method;
            foreach (var callee in UsedMembers(method).OfType<MethodBase>().Where(m => m.Module.Assembly == s_cmdlets && m.GetMethodBody() is not null))
            {
                pending.Push(callee);
            }
        }

        static IEnumerable<Type> WithNested(Type type) => type.GetNestedTypes(Declared).SelectMany(WithNested).Prepend(type);
    }

    /// <summary>Fails with every offence spelt out (Assert.Empty would cut them short).</summary>
    private static void AssertNone(IEnumerable<string> offences)
    {
        var list = offences.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > 0)
        {
            Assert.Fail($"{list.Count} offence(s):{Environment.NewLine}{string.Join(Environment.NewLine, list)}");
        }
    }

    private static bool InNamespace(Type type, string ns) =>
        type.Namespace is string name && (name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal));

    private static bool IsNative(Type type) =>
        type == typeof(IntPtr) || type == typeof(UIntPtr) || type.IsPointer || type.IsFunctionPointer
        || typeof(SafeHandle).IsAssignableFrom(type)
        || (type.HasElementType && IsNative(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(IsNative));

    /// <summary>Every type a public type shows to other assemblies: base, interfaces, and its public and protected members.</summary>
    private static IEnumerable<(string Where, Type Type)> PublicSurface(Type type)
    {
        if (type.BaseType is Type baseType)
        {
            yield return ("base type", baseType);
        }
        foreach (var contract in type.GetInterfaces())
        {
            yield return ("interface", contract);
        }
        bool visible(MethodBase m) => m.IsPublic || (!type.IsSealed && (m.IsFamily || m.IsFamilyOrAssembly));
        foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic || (!type.IsSealed && (f.IsFamily || f.IsFamilyOrAssembly))))
        {
            yield return ($"field {field.Name}", field.FieldType);
        }
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)).Where(visible))
        {
            foreach (var parameter in method.GetParameters())
            {
                yield return ($"{method.Name}({parameter.Name})", parameter.ParameterType);
            }
            if (method is MethodInfo withResult)
            {
                yield return ($"{method.Name} returns", withResult.ReturnType);
            }
        }
        foreach (var property in type.GetProperties(Declared).Where(p => p.GetAccessors(nonPublic: true).Any(visible)))
        {
            yield return ($"property {property.Name}", property.PropertyType);
        }
        foreach (var @event in type.GetEvents(Declared).Where(e => e.AddMethod is MethodInfo add && visible(add)))
        {
            yield return ($"event {@event.Name}", @event.EventHandlerType!);
        }
    }

    /// <summary>Every type a type uses, whatever the visibility: in its signatures and fields, and in its method bodies.</summary>
    private static IEnumerable<(string Where, Type Type)> Dependencies(Type type)
    {
        var declared = new List<(string, Type)>();
        if (type.BaseType is Type baseType)
        {
            declared.Add(("base type", baseType));
        }
        declared.AddRange(type.GetInterfaces().Select(i => ("interface", i)));
        declared.AddRange(type.GetFields(Declared).Select(f => ($"field {f.Name}", f.FieldType)));
        declared.AddRange(type.GetProperties(Declared).Select(p => ($"property {p.Name}", p.PropertyType)));
        declared.AddRange(type.GetEvents(Declared).Select(e => ($"event {e.Name}", e.EventHandlerType!)));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            declared.AddRange(method.GetParameters().Select(p => ($"{method.Name}({p.Name})", p.ParameterType)));
            if (method is MethodInfo withResult)
            {
                declared.Add(($"{method.Name} returns", withResult.ReturnType));
            }
            if (method.GetMethodBody() is MethodBody body)
            {
                declared.AddRange(body.LocalVariables.Select(l => ($"a local of {method.Name}", l.LocalType)));
                declared.AddRange(UsedMembers(method).Where(m => m.DeclaringType is not null).Select(m => ($"{method.Name}'s body", m.DeclaringType!)));
                declared.AddRange(UsedTypes(method).Select(t => ($"{method.Name}'s body", t)));
            }
        }
        return declared.SelectMany(d => Constituents(d.Item2).Select(t => (d.Item1, t)));
    }

    /// <summary>A type and every type it is made of (element types, generic arguments).</summary>
    private static IEnumerable<Type> Constituents(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Constituents(type.GetElementType()!))
            {
                yield return inner;
            }
        }
        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Constituents))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<MethodBase> MethodsWithBodies(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)).Where(m => m.GetMethodBody() is not null);

    /// <summary>The methods (call, callvirt, newobj, ldftn…) and fields a method body refers to.</summary>
    private static IEnumerable<MemberInfo> UsedMembers(MethodBase method) =>
        Operands(method).Select(o => o.Operand switch
        {
            OperandType.InlineMethod => (MemberInfo?)method.Module.ResolveMethod(o.Token, TypeArguments(method), MethodArguments(method)),
            OperandType.InlineField => method.Module.ResolveField(o.Token, TypeArguments(method), MethodArguments(method)),
            _ => null,
        }).Where(m => m is not null)!;

    /// <summary>The types a method body names (newarr, castclass, isinst, box, ldtoken of a type…).</summary>
    private static IEnumerable<Type> UsedTypes(MethodBase method) =>
        Operands(method).Where(o => o.Operand == OperandType.InlineType || o.Operand == OperandType.InlineTok)
            .Select(o => method.Module.ResolveMember(o.Token, TypeArguments(method), MethodArguments(method)))
            .OfType<Type>();

    private static Type[]? TypeArguments(MethodBase method) =>
        method.DeclaringType is { IsGenericType: true } generic ? generic.GetGenericArguments() : null;

    private static Type[]? MethodArguments(MethodBase method) =>
        method.IsGenericMethod ? method.GetGenericArguments() : null;

    /// <summary>Walks the IL instruction by instruction and yields each metadata-token operand.</summary>
    private static IEnumerable<(OperandType Operand, int Token)> Operands(MethodBase method)
    {
        byte[] il = method.GetMethodBody()?.GetILAsByteArray() ?? Array.Empty<byte>();
        int i = 0;
        while (i < il.Length)
        {
            OpCode opCode = il[i] == 0xFE ? s_twoByte[il[i + 1]] : s_oneByte[il[i]];
            i += opCode.Size;
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return (opCode.OperandType, BitConverter.ToInt32(il, i));
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    i += 4;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
            }
        }
    }

    private static readonly OpCode[] s_oneByte = new OpCode[0x100];
    private static readonly OpCode[] s_twoByte = new OpCode[0x100];

    static ArchitectureTests()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var opCode = (OpCode)field.GetValue(null)!;
            ushort value = unchecked((ushort)opCode.Value);
            if (opCode.Size == 1)
            {
                s_oneByte[value] = opCode;
            }
            else
            {
                s_twoByte[value & 0xFF] = opCode;
            }
        }
    }
}
