using System.IO;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Core.Store;

namespace VIToolkit.Commands.Store;

/// <summary>Writes the inventory (clusters, their settings, host settings, protected VMs, DRS rules and groups) to a JSON file.</summary>
[Cmdlet(VerbsData.Export, "VIInventory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class ExportVIInventoryCommand : VIToolkitCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Replace the file when it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void End()
    {
        string path = FileSystemPath(Path, "InvalidExportPath", "the export's file");
        if (!ShouldProcess(Core.MessageText.Input(path), $"Export the inventory of {Session.Store.Location}"))
        {
            return;
        }
        var document = InventoryTransfer.Export(Session.Inventory, path, Force);
        WriteVerbose($"Exported {document.Clusters.Count} cluster(s) and {document.Hosts.Count} host setting(s) from {Session.Store.Location} to {path}.");
        WriteObject(new FileInfo(path));
    }
}

/// <summary>Replaces the inventory with one exported earlier (Export-VIInventory), in one step.</summary>
[Cmdlet(VerbsData.Import, "VIInventory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(Core.Clusters.Cluster))]
public sealed class ImportVIInventoryCommand : VIToolkitCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    protected override void End()
    {
        string path = FileSystemPath(Path, "InvalidImportPath", "the import's file");
        if (!ShouldProcess(Session.Store.Location, $"Replace the whole inventory with {Core.MessageText.Input(path)}"))
        {
            return;
        }
        var document = InventoryTransfer.Import(Session.Inventory, path);
        WriteVerbose($"Imported {document.Clusters.Count} cluster(s) and {document.Hosts.Count} host setting(s) from {path} into {Session.Store.Location}.");
        WriteObject(Session.Clusters.Get(null, CancellationToken), enumerateCollection: true);
    }
}
