using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Services;

namespace VIToolkit.Completers;

/// <summary>Shared completion logic: match with PowerShell wildcards, quote when needed, never throw.</summary>
public abstract class NameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
            var servers = VISession.Default.Connections.Servers.Where(s => s.IsConnected).ToList();
            return Names(servers)
                .Where(n => pattern.IsMatch(n))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .Take(500)
                .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n))
                .ToList();
        }
        catch
        {
            return Array.Empty<CompletionResult>();
        }
    }

    protected abstract IEnumerable<string> Names(IReadOnlyList<VIServer> servers);

    private static string Quote(string name) =>
        name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '|', '@', '#', '[', ']', '*', '?' }) >= 0
            ? "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'"
            : name;
}

public sealed class VMNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IReadOnlyList<VIServer> servers) =>
        VMService.Query(servers, null, null, default).VMs.Select(vm => vm.Name);
}

public sealed class VMHostNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IReadOnlyList<VIServer> servers) => servers.Select(s => s.Name);
}

public sealed class VIServerNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IReadOnlyList<VIServer> servers) =>
        VISession.Default.Connections.Servers.Select(s => s.Name);
}

public sealed class DatastoreNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IReadOnlyList<VIServer> servers) =>
        ParallelHosts.Run(servers, DatastoreService.List, default).Where(r => r.Succeeded).SelectMany(r => r.Value!).Select(d => d.Name);
}

public sealed class VirtualNetworkNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IReadOnlyList<VIServer> servers) =>
        ParallelHosts.Run(servers, NetworkService.List, default).Where(r => r.Succeeded).SelectMany(r => r.Value!).Select(n => n.Name);
}
