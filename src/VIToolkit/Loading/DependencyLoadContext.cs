using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace VIToolkit.Loading;

/// <summary>
/// The module's own load context: VIToolkit.Core and every third-party assembly it uses (Newtonsoft.Json,
/// Microsoft.Data.Sqlite, SQLitePCLRaw, Npgsql, Microsoft.Extensions.*) load here from the module's
/// <c>dependencies</c> folder, so another module (or pwsh itself) may hold other versions of them in the same process.
/// The framework and PowerShell come from the default context: they are shared, and their types must be the same ones
/// PowerShell sees.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private static readonly string s_cmdletAssembly = typeof(DependencyLoadContext).Assembly.GetName().Name!;

    private readonly string _directory;
    private readonly Lazy<IReadOnlyList<string>> _nativeDirectories;

    internal DependencyLoadContext(string directory)
        : base("VIToolkit", isCollectible: false)
    {
        _directory = directory;
        _nativeDirectories = new Lazy<IReadOnlyList<string>>(() => NativeDirectories(directory));
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string? name = assemblyName.Name;
        if (name is null || IsShared(name) || !string.IsNullOrEmpty(assemblyName.CultureName))
        {
            return null;
        }
        string path = Path.Combine(_directory, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>
    /// The native libraries shipped with the dependencies (SQLite's e_sqlite3), from <c>runtimes/&lt;rid&gt;/native</c>.
    /// Any other (libvirt.so.0) is not ours: zero lets the runtime find it as it always does, in the system's paths.
    /// </summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (string directory in _nativeDirectories.Value)
        {
            foreach (string fileName in NativeFileNames(unmanagedDllName))
            {
                string path = Path.Combine(directory, fileName);
                if (File.Exists(path))
                {
                    return LoadUnmanagedDllFromPath(path);
                }
            }
        }
        return IntPtr.Zero;
    }

    /// <summary>Assemblies that must be the default context's: the framework, PowerShell, and the cmdlet assembly.</summary>
    private static bool IsShared(string name) =>
        name.StartsWith("System.", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Microsoft.PowerShell.", StringComparison.OrdinalIgnoreCase)
        || name.Equals("System", StringComparison.OrdinalIgnoreCase)
        || name.Equals("mscorlib", StringComparison.OrdinalIgnoreCase)
        || name.Equals("netstandard", StringComparison.OrdinalIgnoreCase)
        || name.Equals(s_cmdletAssembly, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where the natives for this process are, most specific first: the runtime's own RID (linux-musl-x64 on Alpine),
    /// then the portable one of the OS and architecture (linux-x64 for a distribution's own build of .NET, whose RID
    /// names the distribution). Only the folders that exist.
    /// </summary>
    private static IReadOnlyList<string> NativeDirectories(string directory)
    {
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string rid = RuntimeInformation.RuntimeIdentifier;
        if (os == "linux" && rid.Contains("-musl", StringComparison.Ordinal))
        {
            os = "linux-musl";
        }
        var found = new List<string>();
        foreach (string candidate in new[] { rid, $"{os}-{arch}" })
        {
            string path = Path.Combine(directory, "runtimes", candidate, "native");
            if (!found.Contains(path) && Directory.Exists(path))
            {
                found.Add(path);
            }
        }
        return found;
    }

    /// <summary>The file names a native library's name may have on this OS: as given, then with its prefix and suffix.</summary>
    private static IEnumerable<string> NativeFileNames(string name)
    {
        yield return name;
        if (OperatingSystem.IsWindows())
        {
            yield return name + ".dll";
        }
        else
        {
            string suffix = OperatingSystem.IsMacOS() ? ".dylib" : ".so";
            yield return name + suffix;
            if (!name.StartsWith("lib", StringComparison.Ordinal))
            {
                yield return "lib" + name + suffix;
            }
        }
    }
}
