using System;
using System.Collections.Generic;
using System.Linq;
using VIToolkit.Core;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Services;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Base;

/// <summary>Resolves task arguments to the tasks of this session.</summary>
internal static class TaskResolver
{
    /// <summary>Task objects (live, or Get-Task's snapshots) stand for their live task; Ids (wildcards allowed) match the session's tasks, oldest first.</summary>
    internal static Resolution<VITask> Resolve(IReadOnlyList<TaskArgument> arguments, VISession session)
    {
        var patterns = TargetArgument.Patterns(arguments);
        var known = session.Tasks.All;
        var result = new Resolution<VITask>();
        var found = new List<VITask>();
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Value is VITask task)
            {
                found.Add(task.Live);
                continue;
            }
            var pattern = patterns[i]!;
            var matches = known.Where(t => Matches(pattern, t.Id)).ToList();
            if (matches.Count == 0 && !pattern.IsWildcard)
            {
                result.Fail(NotFound(arguments[i].Name!));
            }
            found.AddRange(matches);
        }
        result.AddRange(found.Distinct());
        return result;
    }

    /// <summary>Task ids match case-insensitively, with or without wildcards.</summary>
    internal static bool Matches(NamePattern pattern, string id) =>
        pattern.IsWildcard ? pattern.IsMatch(id) : string.Equals(id, pattern.Literal, StringComparison.OrdinalIgnoreCase);

    internal static ObjectNotFoundException NotFound(string id)
    {
        string target = Redaction.RedactUris(id);
        string shown = MessageText.Input(id);
        return new ObjectNotFoundException("TaskNotFound", $"No task with Id '{shown}' is known in this session. See Get-Task.", target);
    }
}
