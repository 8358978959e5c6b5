using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Base;

/// <summary>Shared flattening of what the binder hands a transformation: one item, an array, PSObjects.</summary>
internal static class Arguments
{
    internal static IEnumerable<object> Flatten(object? input)
    {
        input = input is PSObject p ? p.BaseObject : input;
        if (input is null)
        {
            yield break;
        }
        if (input is IEnumerable many and not string)
        {
            foreach (object? item in many)
            {
                foreach (object inner in Flatten(item))
                {
                    yield return inner;
                }
            }
            yield break;
        }
        yield return input;
    }

    /// <summary>A property of a deserialized or custom object, e.g. <c>Name</c> of a Deserialized.VMHost.</summary>
    internal static string? PropertyText(object item, string property) =>
        (PSObject.AsPSObject(item).Properties[property]?.Value)?.ToString();
}

/// <summary>Lets -Server take VIServer objects, names or URIs (wildcards allowed) of connected servers.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VIServerTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var result = new List<VIServer>();
        foreach (object item in Arguments.Flatten(inputData))
        {
            if (item is VIServer server)
            {
                result.Add(server);
                continue;
            }
            string text = item is VMHost host ? host.Name : Arguments.PropertyText(item, "Name") is { } n && item is not string ? n : item.ToString()!;
            var pattern = NamePattern.Create(text);
            var matches = ConnectionManager.Default.Servers
                .Where(s => pattern.IsMatch(s.Name) || string.Equals(s.Uri, text, StringComparison.Ordinal))
                .ToList();
            if (matches.Count == 0 && !pattern.IsWildcard)
            {
                throw new ArgumentTransformationMetadataException(
                    $"No connected server is named '{Core.Redaction.RedactUris(text)}'. Connect to it first with Connect-VIServer.");
            }
            result.AddRange(matches);
        }
        return result.Distinct().ToArray();
    }
}

/// <summary>Lets -VMHost take VMHost objects, VIServer objects, or host names (wildcards allowed).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VMHostTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var result = new List<VMHost>();
        foreach (object item in Arguments.Flatten(inputData))
        {
            switch (item)
            {
                case VMHost host:
                    result.Add(host);
                    continue;
                case VIServer server:
                    result.Add(HostService.GetVMHost(server));
                    continue;
            }
            string text = item is string s ? s : Arguments.PropertyText(item, "Name") ?? item.ToString()!;
            var pattern = NamePattern.Create(text);
            var servers = ConnectionManager.Default.Servers.Where(srv => pattern.IsWildcard ? pattern.IsMatch(srv.Name) : string.Equals(srv.Name, text, StringComparison.OrdinalIgnoreCase)).ToList();
            if (servers.Count == 0 && !pattern.IsWildcard)
            {
                throw new ArgumentTransformationMetadataException($"No connected host is named '{text}'. See Get-VMHost for the hosts you can use.");
            }
            result.AddRange(servers.Select(HostService.GetVMHost));
        }
        return result.ToArray();
    }
}

/// <summary>Lets -VM take VirtualMachine objects or VM names (wildcards allowed) on the connected servers.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class VirtualMachineTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var result = new List<VirtualMachine>();
        var names = new List<NamePattern>();
        foreach (object item in Arguments.Flatten(inputData))
        {
            if (item is VirtualMachine vm)
            {
                result.Add(vm);
            }
            else
            {
                names.Add(NamePattern.Create(item is string s ? s : Arguments.PropertyText(item, "Name") ?? item.ToString()!));
            }
        }
        if (names.Count > 0)
        {
            var query = VMService.Query(ConnectionManager.Default.Servers.Where(s => s.IsConnected).ToList(), names, null, default);
            if (query.UnmatchedNames.Count > 0)
            {
                throw new ArgumentTransformationMetadataException($"No VM is named '{string.Join("', '", query.UnmatchedNames)}' on the connected servers.");
            }
            result.AddRange(query.VMs);
        }
        return result.ToArray();
    }
}
