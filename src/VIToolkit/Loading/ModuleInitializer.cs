using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace VIToolkit.Loading;

/// <summary>
/// Sets the module up before any cmdlet runs: puts VIToolkit.Core in the module's own load context
/// (<see cref="DependencyLoadContext"/>), so that every assembly Core uses is resolved there too, and makes Core's
/// public types visible to PowerShell by name (<see cref="CoreTypeNames"/>).
/// </summary>
/// <remarks>
/// The cmdlet assembly is loaded by PowerShell into the default context and references Core directly. Core is not next
/// to it but in <c>dependencies/</c>, where the default context does not look: it asks its Resolving event, which hands
/// out Core from the module's context. PowerShell calls <see cref="OnImport"/> only after it has read the cmdlet
/// assembly's types, which already needs Core (parameters of Core's enum types), so VIToolkit.Loader.psm1, the
/// manifest's nested module, calls it first; PowerShell's own call then finds the work done.
/// There is no <see cref="IModuleAssemblyCleanup"/>: the context cannot be unloaded (the cmdlet assembly, which stays
/// loaded after Remove-Module, holds Core's types), and a later Import-Module, or the module in another runspace, needs
/// the same Core again.
/// </remarks>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private const string DependencyFolder = "dependencies";
    private const string CoreAssemblyName = "VIToolkit.Core";

    private static readonly object s_gate = new();
    private static DependencyLoadContext? s_context;

    public void OnImport()
    {
        lock (s_gate)
        {
            if (s_context is not null)
            {
                return;
            }
            string? root = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location);
            string directory = Path.Combine(root ?? string.Empty, DependencyFolder);
            if (string.IsNullOrEmpty(root) || !Directory.Exists(directory))
            {
                // A build folder (bin/, the xunit tests): Core and its dependencies are next to the cmdlet assembly and
                // load into the default context as for any binary module.
                return;
            }
            var context = new DependencyLoadContext(directory);
            AssemblyLoadContext.Default.Resolving += (_, name) => ResolveCore(context, name);
            s_context = context;
            CoreTypeNames.Register(context.LoadFromAssemblyName(new AssemblyName(CoreAssemblyName)));
        }
    }

    private static Assembly? ResolveCore(DependencyLoadContext context, AssemblyName name) =>
        string.Equals(name.Name, CoreAssemblyName, StringComparison.OrdinalIgnoreCase) ? context.LoadFromAssemblyName(name) : null;
}
