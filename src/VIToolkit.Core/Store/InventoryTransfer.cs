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
                $"{MessageText.Input(path)} exists; give -Force to replace it, or another path. Nothing was written.") { Target = path };
        }
        var document = store.Read();
        ShowingPath(path, () => new InventoryStore(path).Save(document));
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
            throw new ObjectNotFoundException("ImportFileNotFound", $"{MessageText.Input(path)} does not exist; nothing was imported.", path);
        }
        var imported = ShowingPath(path, () => new InventoryStore(path).Read());
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

    private static void ShowingPath(string path, Action action) => ShowingPath(path, () => { action(); return 0; });

    /// <summary>Runs an InventoryStore call on the user's file: its errors name the file as every message shows an input.</summary>
    private static T ShowingPath<T>(string path, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (VIToolkitException e) when (e.Message.Contains(path, StringComparison.Ordinal) && MessageText.Input(path) != path)
        {
            throw e.Rephrase(e.ErrorId, e.Message.Replace(path, MessageText.Input(path), StringComparison.Ordinal), e.Target);
        }
    }
}
