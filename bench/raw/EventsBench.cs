// Compiled helpers for bench/Events.Bench.ps1: making a million events in PowerShell would take minutes, and a raw
// reference loop written in PowerShell would measure PowerShell. This file references no VIToolkit assembly: it is
// handed the VIEvent type and the store, and reaches them by reflection, so it works wherever Core is loaded (the
// default AssemblyLoadContext or its own). The reference side gets a DbConnection of the same driver.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Reflection;

namespace VIToolkitBench
{
    /// <summary>One event's values, in the columns' order.</summary>
    public sealed class EventRow
    {
        public DateTime Created;
        public string Type;
        public int Severity;
        public string EntityType, EntityName, EntityId, Host, Cluster, UserName, Message, ChainId;
        public Dictionary<string, string> Data;
        public string DataJson;
    }

    public static class EventsBench
    {
        static readonly string[] VmTypes =
        {
            "VmPoweredOnEvent", "VmPoweredOffEvent", "VmReconfiguredEvent", "VmMigratedEvent", "VmSnapshotCreatedEvent",
            "VmGuestShutdownEvent", "VmResettingEvent", "VmSuspendedEvent", "VmCreatedEvent", "VmRemovedEvent",
        };
        static readonly string[] HostTypes = { "EnteredMaintenanceModeEvent", "ExitMaintenanceModeEvent", "HostConnectionLostEvent", "HostReconnectedEvent" };
        static readonly string[] Users = { "alice", "bob", "carol", "svc-ha", "svc-drs" };

        public static string VmName(int vm) { return "vm" + vm.ToString("D5"); }
        public static string VmId(int vm) { return new Guid(vm, 0x5649, 0x4556, 0, 0, 0, 0, 0, 0, 0, 1).ToString("D"); }
        public static string HostName(int host) { return "esx" + host.ToString("D3"); }
        public static int HostOf(int vm, int hosts) { return vm % hosts; }

        /// <summary>
        /// Events first..first+count-1 of total, spread evenly over [start, end) (so Keys grow with time, as appends do):
        /// 95 % VM events of vms VMs (chosen by a hash of the index), 5 % host events of hosts hosts, 3 % moves with
        /// data. The VM <paramref name="quietVm"/> gets none after <paramref name="quietAfter"/> (its last hour is
        /// given separately, so the bench knows how many it has there).
        /// </summary>
        public static List<EventRow> Rows(long first, int count, long total, DateTime start, DateTime end, int vms, int hosts, int quietVm, DateTime quietAfter)
        {
            var rows = new List<EventRow>(count);
            double step = (end - start).Ticks / (double)total;
            for (long i = first; i < first + count; i++)
            {
                var created = new DateTime(start.Ticks + (long)(i * step), DateTimeKind.Utc);
                uint h = (uint)(i * 2654435761L);
                h ^= h >> 15;
                var row = new EventRow { Created = created, UserName = Users[h % 5], Severity = 0 };
                if (h % 20 == 0)
                {
                    int host = (int)((h >> 8) % (uint)hosts);
                    row.Type = HostTypes[(h >> 4) % (uint)HostTypes.Length];
                    row.EntityType = "HostSystem";
                    row.EntityName = HostName(host);
                    row.EntityId = "qemu+ssh://root@" + HostName(host) + ".lab/system";
                    row.Host = HostName(host);
                    row.Cluster = "cl" + (host % 10).ToString("D2");
                    row.Severity = row.Type == "HostConnectionLostEvent" ? 2 : 0;
                    row.Message = "Host " + row.Host + ": " + row.Type;
                }
                else
                {
                    int vm = (int)((h >> 8) % (uint)vms);
                    if (vm == quietVm && created >= quietAfter)
                    {
                        vm = (vm + 1) % vms;
                    }
                    int host = HostOf(vm, hosts);
                    row.Type = VmTypes[(h >> 4) % (uint)VmTypes.Length];
                    row.EntityType = "VirtualMachine";
                    row.EntityName = VmName(vm);
                    row.EntityId = VmId(vm);
                    row.Host = HostName(host);
                    row.Cluster = "cl" + (host % 10).ToString("D2");
                    row.Message = row.Type.Replace("Event", "") + " " + row.EntityName + " on " + row.Host;
                    if (row.Type == "VmMigratedEvent")
                    {
                        string to = HostName((host + 1) % hosts);
                        row.Data = new Dictionary<string, string> { { "MigrationType", "Live" }, { "Source", row.Host }, { "Destination", to }, { "DowntimeMs", ((h >> 3) % 300).ToString() } };
                        row.Message = "Migrated " + row.EntityName + " from " + row.Host + " to " + to;
                        row.ChainId = "Task-" + (i % 100000).ToString();
                        var json = new System.Text.StringBuilder("{");
                        foreach (var kv in row.Data) json.Append(json.Length > 1 ? "," : "").Append('"').Append(kv.Key).Append("\":\"").Append(kv.Value).Append('"');
                        row.DataJson = json.Append('}').ToString();
                    }
                }
                rows.Add(row);
            }
            return rows;
        }

        /// <summary>The handful of events of one VM in its last hour: a reconfiguration, a restart, a snapshot, a move.</summary>
        public static List<EventRow> RecentRows(int vm, int hosts, DateTime now)
        {
            int host = HostOf(vm, hosts);
            string[] types = { "VmReconfiguredEvent", "VmPoweredOffEvent", "VmPoweredOnEvent", "VmSnapshotCreatedEvent", "VmMigratedEvent", "VmGuestShutdownEvent" };
            var rows = new List<EventRow>();
            for (int k = 0; k < types.Length; k++)
            {
                rows.Add(new EventRow
                {
                    Created = now.AddMinutes(-45 + 7 * k),
                    Type = types[k],
                    EntityType = "VirtualMachine",
                    EntityName = VmName(vm),
                    EntityId = VmId(vm),
                    Host = HostName(host),
                    Cluster = "cl" + (host % 10).ToString("D2"),
                    UserName = "alice",
                    Message = types[k].Replace("Event", "") + " " + VmName(vm) + " on " + HostName(host),
                });
            }
            return rows;
        }

        /// <summary>The rows as VIEvents (an IReadOnlyList of <paramref name="eventType"/>), through their public setters.</summary>
        public static IList ToEvents(Type eventType, List<EventRow> rows)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(eventType), rows.Count);
            Func<string, PropertyInfo> p = name => eventType.GetProperty(name);
            PropertyInfo created = p("CreatedTime"), type = p("Type"), severity = p("Severity"), entityType = p("EntityType"),
                entityName = p("EntityName"), entityId = p("EntityId"), host = p("Host"), cluster = p("Cluster"), user = p("UserName"),
                message = p("FullFormattedMessage"), chain = p("ChainId"), data = p("Data");
            Type severityType = severity.PropertyType;
            var severities = new object[] { Enum.ToObject(severityType, 0), Enum.ToObject(severityType, 1), Enum.ToObject(severityType, 2) };
            foreach (var r in rows)
            {
                object e = Activator.CreateInstance(eventType);
                created.SetValue(e, r.Created);
                type.SetValue(e, r.Type);
                severity.SetValue(e, severities[r.Severity]);
                entityType.SetValue(e, r.EntityType);
                entityName.SetValue(e, r.EntityName);
                entityId.SetValue(e, r.EntityId);
                host.SetValue(e, r.Host);
                cluster.SetValue(e, r.Cluster);
                user.SetValue(e, r.UserName);
                message.SetValue(e, r.Message);
                chain.SetValue(e, r.ChainId);
                if (r.Data != null) data.SetValue(e, r.Data);
                list.Add(e);
            }
            return list;
        }

        /// <summary>Calls store.AppendEvents(events) in batches of <paramref name="batch"/>; returns the elapsed ms.</summary>
        public static double Append(object store, IList events, int batch)
        {
            MethodInfo append = store.GetType().GetMethod("AppendEvents");
            Type listType = events.GetType();
            var sw = Stopwatch.StartNew();
            for (int at = 0; at < events.Count; at += batch)
            {
                int n = Math.Min(batch, events.Count - at);
                var part = (IList)Activator.CreateInstance(listType, n);
                for (int k = 0; k < n; k++) part.Add(events[at + k]);
                append.Invoke(store, new object[] { part });
            }
            return sw.Elapsed.TotalMilliseconds;
        }

        /// <summary>Makes the events of rows and appends them in batches (for building a big store); returns the ms spent in AppendEvents.</summary>
        public static double Fill(object store, Type eventType, long total, int batch, DateTime start, DateTime end, int vms, int hosts, int quietVm, DateTime quietAfter)
        {
            MethodInfo append = store.GetType().GetMethod("AppendEvents");
            double ms = 0;
            for (long at = 0; at < total; at += batch)
            {
                int n = (int)Math.Min(batch, total - at);
                IList events = ToEvents(eventType, Rows(at, n, total, start, end, vms, hosts, quietVm, quietAfter));
                var sw = Stopwatch.StartNew();
                append.Invoke(store, new object[] { events });
                ms += sw.Elapsed.TotalMilliseconds;
            }
            return ms;
        }

        /// <summary>eventLog.Record(e) for every event (as cmdlets do), then eventLog.Flush(); returns the elapsed ms.</summary>
        public static double RecordAndFlush(object eventLog, IList events)
        {
            MethodInfo record = eventLog.GetType().GetMethod("Record");
            MethodInfo flush = eventLog.GetType().GetMethod("Flush");
            var args = new object[1];
            var sw = Stopwatch.StartNew();
            foreach (object e in events)
            {
                args[0] = e;
                record.Invoke(eventLog, args);
            }
            flush.Invoke(eventLog, null);
            return sw.Elapsed.TotalMilliseconds;
        }

        /// <summary>
        /// The reference insert: the same rows through the same driver, one prepared INSERT without RETURNING, in one
        /// transaction (the Data JSON made beforehand by the caller); returns the elapsed ms.
        /// </summary>
        public static double RawInsert(DbConnection connection, List<EventRow> rows)
        {
            string[] names = { "@created", "@type", "@severity", "@entity_type", "@entity_name", "@entity_id", "@host", "@cluster", "@user_name", "@message", "@chain_id", "@data" };
            string[] severities = { "Info", "Warning", "Error" };
            var sw = Stopwatch.StartNew();
            using (var transaction = connection.BeginTransaction())
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO vit_events (created, type, severity, entity_type, entity_name, entity_id, host, cluster, user_name, message, chain_id, data) "
                    + "VALUES (@created, @type, @severity, @entity_type, @entity_name, @entity_id, @host, @cluster, @user_name, @message, @chain_id, @data)";
                var ps = new DbParameter[names.Length];
                for (int k = 0; k < names.Length; k++)
                {
                    ps[k] = command.CreateParameter();
                    ps[k].ParameterName = names[k];
                    ps[k].DbType = k == 0 ? DbType.Int64 : DbType.String;
                    command.Parameters.Add(ps[k]);
                }
                command.Prepare();
                foreach (var r in rows)
                {
                    ps[0].Value = r.Created.Ticks;
                    ps[1].Value = r.Type;
                    ps[2].Value = severities[r.Severity];
                    ps[3].Value = (object)r.EntityType ?? DBNull.Value;
                    ps[4].Value = (object)r.EntityName ?? DBNull.Value;
                    ps[5].Value = (object)r.EntityId ?? DBNull.Value;
                    ps[6].Value = (object)r.Host ?? DBNull.Value;
                    ps[7].Value = (object)r.Cluster ?? DBNull.Value;
                    ps[8].Value = (object)r.UserName ?? DBNull.Value;
                    ps[9].Value = r.Message;
                    ps[10].Value = (object)r.ChainId ?? DBNull.Value;
                    ps[11].Value = (object)r.DataJson ?? DBNull.Value;
                    command.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return sw.Elapsed.TotalMilliseconds;
        }

        /// <summary>The reference query: <paramref name="sql"/> with its parameters, every column of every row read; returns (ms, rows).</summary>
        public static double[] RawQuery(DbConnection connection, string sql, IDictionary parameters)
        {
            var sw = Stopwatch.StartNew();
            int n = 0;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = sql;
                foreach (DictionaryEntry kv in parameters)
                {
                    var p = command.CreateParameter();
                    p.ParameterName = (string)kv.Key;
                    p.Value = kv.Value;
                    command.Parameters.Add(p);
                }
                using (var reader = command.ExecuteReader())
                {
                    var values = new object[reader.FieldCount];
                    while (reader.Read())
                    {
                        reader.GetValues(values);
                        n++;
                    }
                }
            }
            return new[] { sw.Elapsed.TotalMilliseconds, n };
        }
    }
}
