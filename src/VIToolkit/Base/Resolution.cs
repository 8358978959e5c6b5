using System.Collections.Generic;
using VIToolkit.Core;

namespace VIToolkit.Base;

/// <summary>
/// What a resolver made of a batch of arguments: the targets, in the order the arguments were given, and one error
/// per argument that named nothing (also in input order). The command decides whether an error stops it.
/// </summary>
internal sealed class Resolution<T>
{
    private readonly List<T> _items = new();
    private readonly List<VIToolkitException> _errors = new();

    public IReadOnlyList<T> Items => _items;

    public IReadOnlyList<VIToolkitException> Errors => _errors;

    internal void Add(T item) => _items.Add(item);

    internal void AddRange(IEnumerable<T> items) => _items.AddRange(items);

    internal void Fail(VIToolkitException error) => _errors.Add(error);
}
