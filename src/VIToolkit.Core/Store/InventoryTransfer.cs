using System;
using System.IO;
using VIToolkit.Core.Inventory;

namespace VIToolkit.Core.Store;

/// <summary>The inventory as a JSON file, for backup and review (Export-VIInventory) and for restore (Import-VIInventory).</summary>
public static class InventoryTransfer
{
    /// <summary>Writes the store's inventory to <paramref name="path"/> (the JSON inventory format, schema 2).</summary>
    public static InventoryDocument Export(IInventoryStore store, string path, bool overwrite)
    {
        if (File.Exists(path) && !overwrite)
        {
            throw new VIToolkitException("ExportFileExists", ErrorKind.AlreadyExists,
                $"{path} exists; give -Force to replace it, or another path. Nothing was written.") { Target = path };
        }
        var document = store.Read();
        new InventoryStore(path).Save(document);
        return document;
    }

    /// <summary>
    /// Replaces the store's inventory with the one in <paramref name="path"/>, in one transaction: the file is read and
    /// checked whole first (a corrupt or newer file changes nothing).
    /// </summary>
    public static InventoryDocument Import(IInventoryStore store, string path)
    {
        if (!File.Exists(path))
        {
            throw new ObjectNotFoundException("ImportFileNotFound", $"{path} does not exist; nothing was imported.", path);
        }
        var imported = new InventoryStore(path).Read();
        return store.Update(current =>
        {
            current.Clusters = imported.Clusters;
            current.Hosts = imported.Hosts;
            current.ProtectedVMs = imported.ProtectedVMs;
            current.DrsRules = imported.DrsRules;
            current.DrsGroups = imported.DrsGroups;
            return current;
        });
    }
}
