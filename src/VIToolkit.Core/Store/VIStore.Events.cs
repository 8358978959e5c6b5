using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json;

namespace VIToolkit.Core.Store;

public sealed partial class VIStore
{
    private const string EventColumns = "key, created, type, severity, entity_type, entity_name, entity_id, host, cluster, user_name, message, chain_id, data";

    /// <summary>Stores <paramref name="events"/> in one transaction, in order, and gives each its Key.</summary>
    public void AppendEvents(IReadOnlyList<VIEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var command = Command(connection, transaction, _dialect.InsertEvent);
            var parameters = new[] { "@created", "@type", "@severity", "@entity_type", "@entity_name", "@entity_id", "@host", "@cluster", "@user_name", "@message", "@chain_id", "@data" }
                .Select(name =>
                {
                    var p = command.CreateParameter();
                    p.ParameterName = name;
                    p.DbType = name == "@created" ? System.Data.DbType.Int64 : System.Data.DbType.String;
                    command.Parameters.Add(p);
                    return p;
                })
                .ToArray();
            command.Prepare();
            foreach (var e in events)
            {
                parameters[0].Value = Ticks(e.CreatedTime);
                parameters[1].Value = e.Type;
                parameters[2].Value = e.Severity.ToString();
                parameters[3].Value = (object?)e.EntityType ?? DBNull.Value;
                parameters[4].Value = (object?)e.EntityName ?? DBNull.Value;
                parameters[5].Value = (object?)e.EntityId ?? DBNull.Value;
                parameters[6].Value = (object?)e.Host ?? DBNull.Value;
                parameters[7].Value = (object?)e.Cluster ?? DBNull.Value;
                parameters[8].Value = (object?)e.UserName ?? DBNull.Value;
                parameters[9].Value = Redaction.RedactUris(e.FullFormattedMessage);
                parameters[10].Value = (object?)e.ChainId ?? DBNull.Value;
                parameters[11].Value = e.Data.Count == 0 ? DBNull.Value : Redaction.RedactUris(JsonConvert.SerializeObject(e.Data));
                e.Key = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            transaction.Commit();
            return 0;
        });
    }

    /// <summary>The events that match <paramref name="query"/>, newest first (by Key).</summary>
    public EventPage QueryEvents(EventQuery query)
    {
        if (IsAbsent)
        {
            return new EventPage(Array.Empty<VIEvent>(), false);
        }
        return Use(connection =>
        {
            var sql = new StringBuilder("SELECT ").Append(EventColumns).Append(" FROM vit_events WHERE 1 = 1");
            using var command = Command(connection, null, string.Empty);
            int n = 0;
            string Param(object value)
            {
                string name = "@p" + (n++).ToString(CultureInfo.InvariantCulture);
                Add(command, name, value);
                return name;
            }
            string AnyOf(string column, IReadOnlyList<string> values) =>
                column + " IN (" + string.Join(", ", values.Select(v => Param(v))) + ")";
            if (query.HasEntity)
            {
                var any = new List<string>();
                if (query.EntityIds.Count > 0) any.Add(AnyOf("entity_id", query.EntityIds));
                if (query.Hosts.Count > 0) any.Add(AnyOf("host", query.Hosts));
                if (query.Clusters.Count > 0) any.Add(AnyOf("cluster", query.Clusters));
                if (query.Names.Count > 0)
                {
                    any.Add(AnyOf("entity_name", query.Names));
                    any.Add(AnyOf("host", query.Names));
                    any.Add(AnyOf("cluster", query.Names));
                }
                sql.Append(" AND (").Append(string.Join(" OR ", any)).Append(')');
            }
            if (query.Start is { } start)
            {
                sql.Append(" AND created >= ").Append(Param(Ticks(start)));
            }
            if (query.Finish is { } finish)
            {
                sql.Append(" AND created <= ").Append(Param(Ticks(finish)));
            }
            if (query.Types.Count > 0)
            {
                sql.Append(" AND ").Append(AnyOf("type", query.Types));
            }
            if (query.Severities.Count > 0)
            {
                sql.Append(" AND ").Append(AnyOf("severity", query.Severities.Select(v => v.ToString()).ToList()));
            }
            if (query.UserNames.Count > 0)
            {
                sql.Append(" AND ").Append(AnyOf("user_name", query.UserNames));
            }
            sql.Append(" ORDER BY key DESC");
            if (query.MaxSamples is { } max)
            {
                sql.Append(" LIMIT ").Append(Param((long)max + 1));
            }
            command.CommandText = sql.ToString();
            var events = new List<VIEvent>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    events.Add(ReadEvent(reader));
                }
            }
            bool truncated = query.MaxSamples is { } limit && events.Count > limit;
            if (truncated)
            {
                events.RemoveAt(events.Count - 1);
            }
            return new EventPage(events, truncated);
        });
    }

    /// <summary>Deletes events older than <paramref name="age"/> and all but the newest <paramref name="keep"/>; returns how many went.</summary>
    public long PruneEvents(TimeSpan age, long keep) => Use(connection =>
    {
        using var transaction = connection.BeginTransaction();
        using var byAge = Command(connection, transaction, "DELETE FROM vit_events WHERE created < @cutoff");
        Add(byAge, "@cutoff", Ticks(DateTime.UtcNow - age));
        long removed = byAge.ExecuteNonQuery();
        using var bySize = Command(connection, transaction, "DELETE FROM vit_events WHERE key <= (SELECT max(key) FROM vit_events) - @keep");
        Add(bySize, "@keep", keep);
        removed += bySize.ExecuteNonQuery();
        transaction.Commit();
        return removed;
    });

    private static VIEvent ReadEvent(DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        string? data = Text(12);
        return new VIEvent
        {
            Key = reader.GetInt64(0),
            CreatedTime = FromTicks(reader.GetInt64(1)),
            Type = reader.GetString(2),
            Severity = Enum.TryParse<EventSeverity>(reader.GetString(3), out var severity) ? severity : EventSeverity.Info,
            EntityType = Text(4),
            EntityName = Text(5),
            EntityId = Text(6),
            Host = Text(7),
            Cluster = Text(8),
            UserName = Text(9),
            FullFormattedMessage = reader.GetString(10),
            ChainId = Text(11),
            Data = data is null ? new Dictionary<string, string>() : JsonConvert.DeserializeObject<Dictionary<string, string>>(data) ?? new Dictionary<string, string>(),
        };
    }
}
