using System;

namespace VIToolkit.Core.Inventory;

/// <summary>
/// Where the inventory is kept. The JSON file (<see cref="InventoryStore"/>) is today's backend; a shared database
/// (SQLite on one machine, PostgreSQL for several) is the next. Every read gives a consistent document; every update is
/// a read-modify-write that no other writer interleaves with, and writes nothing when the change throws.
/// </summary>
public interface IInventoryStore
{
    /// <summary>Where the store is, for messages (a path, or a connection string without its password).</summary>
    string Location { get; }

    InventoryDocument Read();

    T Update<T>(Func<InventoryDocument, T> change);
}
