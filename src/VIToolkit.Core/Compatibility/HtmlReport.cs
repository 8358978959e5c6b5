using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;

namespace VIToolkit.Core.Compatibility;

/// <summary>A self-contained HTML page of compatibility results, for people (the objects are for scripts).</summary>
public static class HtmlReport
{
    /// <summary>How many host names a report's title lists before it says how many more there are.</summary>
    private const int TitleHosts = 10;

    /// <summary>
    /// What a report checked, as its title names it: "cluster Prod", "clusters Prod, Test", or, for hosts checked
    /// against each other, "hosts esx01, esx04, esx05" (after ten, "and 3 more").
    /// </summary>
    public static string Subject(IReadOnlyCollection<string> clusters, IReadOnlyCollection<string> hosts)
    {
        if (clusters.Count > 0)
        {
            return (clusters.Count == 1 ? "cluster " : "clusters ") + string.Join(", ", clusters);
        }
        if (hosts.Count == 0)
        {
            return "no host";
        }
        string listed = string.Join(", ", hosts.Take(TitleHosts));
        return (hosts.Count == 1 ? "host " : "hosts ") + listed + (hosts.Count > TitleHosts ? $" and {hosts.Count - TitleHosts} more" : string.Empty);
    }

    /// <param name="subject">What was checked (<see cref="Subject"/>): the title and the heading name it.</param>
    public static void Write(string path, string subject, IReadOnlyList<CompatibilityResult> results)
    {
        var html = new StringBuilder();
        string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
        string heading = $"Compatibility of {subject}";
        string title = $"{heading} (VIToolkit)";
        int failed = results.Count(r => r.Result == CheckResult.Failed), warnings = results.Count(r => r.Result == CheckResult.Warning);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}")
            .Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}")
            .Append(".Failed{background:#fdd}.Warning{background:#ffd}.Passed{background:#dfd}.NotApplicable{background:#eee}")
            .Append("</style></head><body><h1>").Append(E(heading)).Append("</h1><p>")
            .Append(E($"{DateTime.Now:yyyy-MM-dd HH:mm:ss}: {results.Select(r => r.VMHost).Distinct().Count()} host(s), {failed} failed, {warnings} warning(s), {results.Count(r => r.Result == CheckResult.Passed)} passed."))
            .Append("</p>");
        foreach (var category in results.GroupBy(r => r.Category).OrderBy(g => g.Key))
        {
            html.Append("<h2>").Append(E(category.Key.ToString())).Append("</h2><table><tr><th>Host</th><th>Check</th><th>Result</th><th>Code</th><th>Message</th><th>Source</th></tr>");
            foreach (var r in category)
            {
                html.Append("<tr class=\"").Append(r.Result).Append("\"><td>").Append(E(r.VMHost)).Append("</td><td>").Append(E(r.Check))
                    .Append("</td><td>").Append(r.Result).Append("</td><td>").Append(E(r.Code)).Append("</td><td>").Append(E(r.Message))
                    .Append("</td><td>").Append(E(r.Source)).Append("</td></tr>");
            }
            html.Append("</table>");
        }
        html.Append("</body></html>");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(false));
    }
}
