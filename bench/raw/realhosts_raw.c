/*
 * The C reference for bench/RealHosts.Bench.ps1, against real libvirtd hosts (qemu+unix URIs).
 * Connections are opened before anything is timed; figures are medians of REPEATS runs; each mode prints one line of
 * key=value figures (milliseconds unless the key says _us).
 *
 *   define FILE URI [FILE URI]...         defines every domain XML of FILE (one document per line) on the URI after
 *                                         it, one thread per host            -> defined=<fewest per host> ms=<wall>
 *   start THREADS URI NAME...             starts the named defined domains, THREADS at a time -> started=<n> ms=<wall>
 *   getvm SHAPE REPEATS PATTERN EXACT URI...
 *                                         one thread per host, SHAPE one of
 *       perdomain  virConnectListAllDomains(0), then per domain GetName, GetUUIDString (local), GetInfo,
 *                  GetMetadata(DESCRIPTION), HasManagedSaveImage (shut-off only), IsPersistent
 *                  (what Get-VM did until now; bench/raw/getvm_raw.c read_domain)
 *       bulk       virConnectListAllDomains(0), (MANAGEDSAVE), (TRANSIENT); names and UUIDs are local; then ONE
 *                  virDomainListGetStats(matches, STATE|BALLOON|VCPU) and per match GetMetadata(DESCRIPTION)
 *       hybrid     as bulk, but virDomainListGetStats only for the inactive matches (id -1, local) and
 *                  virDomainGetInfo for each running one: for running domains the BALLOON and VCPU groups ask
 *                  QEMU's monitor (several ms per domain), GetInfo does not
 *                  all   - every domain; wild - only the domains whose name matches PATTERN (fnmatch, case-insensitive)
 *                  exact - virDomainLookupByName(EXACT) on every host + the per-domain reads (both shapes)
 *                                         -> shape= all_ms= wild_ms= exact_ms= vms= matches=
 *   serve SHAPE PATTERN EXACT URI...      the same runs on request, one per line read from stdin ("all", "wild",
 *                                         "exact N"), each answered by "ms= vms= matches=" (after a first "ready"),
 *                                         so that the bench can interleave them with the module's runs
 *   stats URI NAME...                     prints every field virDomainListGetStats(STATE|BALLOON|VCPU) returns for
 *                                         each named domain, with its type: "stats NAME state=N field:type=value ..."
 *   statscost REPEATS URI                 the host's running domains and as many inactive ones: one
 *                                         virDomainListGetStats(STATE|BALLOON|VCPU) (flags 0, NOWAIT), one with STATE
 *                                         only, and one GetInfo per domain   -> {running,inactive}_{stats,...}_ms=
 *   rtt REPEATS CALLS URI DOMAIN          round trips over the socket: CALLS x virConnectGetLibVersion and
 *                                         x virDomainGetInfo on one thread; 4 and 8 threads sharing one connection;
 *                                         4 threads with a connection each   -> *_us per call per thread, *_rate calls/s
 *   migcheck REPEATS SRCURI DSTURI NAME   the libvirt calls of a migration check of NAME (on SRC) towards DST, serial:
 *       min_ms   src GetXMLDesc; dst ListAllNetworks, ListAllStoragePools, LookupByUUIDString
 *       full_ms  min + src LookupByUUIDString+GetInfo+GetMetadata+IsPersistent (re-read), src ListAllStoragePools,
 *                dst LookupByName, dst NodeGetFreeMemory, src and dst GetDomainCapabilities, dst CompareHypervisorCPU
 *                (of the source's host-model CPU, when it has one)
 *       dstlist_ms  dst ListAllDomains + the per-domain reads of every domain (how the module read the destination
 *                host's memory use and VM counts until now), measured separately
 */
#define _GNU_SOURCE
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_common.h"

/* libvirt's default event loop, as VIToolkit runs it (a periodic timeout keeps it from blocking forever). */
static void tick(int timer, void *opaque) { (void)timer; (void)opaque; }
static void *run_event_loop(void *arg) {
    (void)arg;
    virEventAddTimeout(1000, tick, NULL, NULL);
    for (;;) virEventRunDefaultImpl();
    return NULL;
}




static double median(double *v, int n) {
    qsort(v, n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static volatile unsigned long sink;

static virConnectPtr open_or_die(const char *uri) {
    virConnectPtr c = virConnectOpen(uri);
    if (!c) { fprintf(stderr, "cannot open %s: %s\n", uri, virGetLastErrorMessage()); exit(1); }
    return c;
}

/* ---- Get-VM shapes -------------------------------------------------------------------------------------------- */

static void read_domain(virDomainPtr d) {
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainInfo info;
    const char *name = virDomainGetName(d);
    virDomainGetUUIDString(d, uuid);
    if (virDomainGetInfo(d, &info) < 0) memset(&info, 0, sizeof info);
    char *desc = virDomainGetMetadata(d, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0);
    if (info.state == VIR_DOMAIN_SHUTOFF) virDomainHasManagedSaveImage(d, 0);
    sink += virDomainIsPersistent(d) + (name ? name[0] : 0) + info.memory + uuid[0] + (desc ? desc[0] : 0);
    free(desc);
}

typedef struct {
    virConnectPtr conn;
    int bulk;            /* 0 per-domain, 1 bulk, 2 hybrid */
    const char *pattern; /* NULL: every domain */
    const char *exact;   /* non-NULL: exact lookup instead of a listing */
    int vms, matches;
} job_t;

static int matches(const char *pattern, const char *name) {
    return !pattern || fnmatch(pattern, name, FNM_CASEFOLD) == 0;
}

static int in_set(virDomainPtr d, virDomainPtr *set, int n) {
    unsigned char a[VIR_UUID_BUFLEN], b[VIR_UUID_BUFLEN];
    if (n <= 0) return 0;
    virDomainGetUUID(d, a);
    for (int i = 0; i < n; i++) {
        virDomainGetUUID(set[i], b);
        if (!memcmp(a, b, VIR_UUID_BUFLEN)) return 1;
    }
    return 0;
}

static void free_list(virDomainPtr *list, int n) {
    for (int i = 0; i < n; i++) virDomainFree(list[i]);
    free(list);
}

static void run_perdomain(job_t *j) {
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(j->conn, &doms, 0);
    j->vms = n; j->matches = 0;
    for (int i = 0; i < n; i++) {
        if (matches(j->pattern, virDomainGetName(doms[i]))) { read_domain(doms[i]); j->matches++; }
    }
    if (n >= 0) free_list(doms, n);
}

/* One virDomainListGetStats(STATE|BALLOON|VCPU) over the NULL-terminated list. */
static void list_get_stats(virDomainPtr *doms) {
    virDomainStatsRecordPtr *records = NULL;
    int nr = virDomainListGetStats(doms, VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_BALLOON | VIR_DOMAIN_STATS_VCPU, &records, 0);
    for (int i = 0; i < nr; i++) {
        int state = 0; unsigned long long cur = 0, max = 0; unsigned int vcpus = 0;
        virTypedParamsGetInt(records[i]->params, records[i]->nparams, "state.state", &state);
        virTypedParamsGetULLong(records[i]->params, records[i]->nparams, "balloon.current", &cur);
        virTypedParamsGetULLong(records[i]->params, records[i]->nparams, "balloon.maximum", &max);
        virTypedParamsGetUInt(records[i]->params, records[i]->nparams, "vcpu.current", &vcpus);
        sink += state + cur + max + vcpus;
    }
    if (nr >= 0) virDomainStatsRecordListFree(records);
}

/* bulk == 1: ListGetStats for every match. bulk == 2 (hybrid): ListGetStats only for the inactive matches (id -1,
 * known locally), GetInfo for each running one (stats of running domains ask QEMU's monitor). */
static void run_bulk(job_t *j) {
    virDomainPtr *all = NULL, *ms = NULL, *tr = NULL;
    int n = virConnectListAllDomains(j->conn, &all, 0);
    int nms = virConnectListAllDomains(j->conn, &ms, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE);
    int ntr = virConnectListAllDomains(j->conn, &tr, VIR_CONNECT_LIST_DOMAINS_TRANSIENT);
    j->vms = n; j->matches = 0;
    if (n < 0) goto out;
    virDomainPtr *sel = calloc(n + 1, sizeof *sel), *stats = calloc(n + 1, sizeof *stats); /* NULL-terminated */
    int k = 0, m = 0;
    for (int i = 0; i < n; i++) {
        const char *name = virDomainGetName(all[i]);
        char uuid[VIR_UUID_STRING_BUFLEN];
        virDomainGetUUIDString(all[i], uuid);
        if (!matches(j->pattern, name)) continue;
        sink += in_set(all[i], ms, nms) + !in_set(all[i], tr, ntr) + uuid[0];
        sel[k++] = all[i];
        if (j->bulk == 1 || virDomainGetID(all[i]) == (unsigned int)-1) {
            stats[m++] = all[i];
        } else {
            virDomainInfo info;
            if (virDomainGetInfo(all[i], &info) == 0) sink += info.state + info.memory + info.maxMem + info.nrVirtCpu;
        }
    }
    j->matches = k;
    if (m > 0) list_get_stats(stats);
    for (int i = 0; i < k; i++) {
        char *desc = virDomainGetMetadata(sel[i], VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0);
        sink += desc ? desc[0] : 0;
        free(desc);
    }
    free(sel);
    free(stats);
out:
    if (n >= 0) free_list(all, n);
    if (nms >= 0) free_list(ms, nms);
    if (ntr >= 0) free_list(tr, ntr);
}

static void *run_job(void *arg) {
    job_t *j = arg;
    if (j->exact) {
        virDomainPtr d = virDomainLookupByName(j->conn, j->exact);
        j->vms = j->matches = d ? 1 : 0;
        if (d) { read_domain(d); virDomainFree(d); }
    } else if (j->bulk) {
        run_bulk(j);
    } else {
        run_perdomain(j);
    }
    return NULL;
}

/* One thread per host; returns the wall time. */
static double run_hosts(job_t *jobs, int hosts) {
    pthread_t *t = calloc(hosts, sizeof *t);
    double t0 = now_ms();
    for (int h = 0; h < hosts; h++) pthread_create(&t[h], NULL, run_job, &jobs[h]);
    for (int h = 0; h < hosts; h++) pthread_join(t[h], NULL);
    double ms = now_ms() - t0;
    free(t);
    return ms;
}

static int cmd_getvm(int argc, char **argv) {
    if (argc < 7) return 2;
    int bulk = !strcmp(argv[2], "bulk") ? 1 : !strcmp(argv[2], "hybrid") ? 2 : 0;
    int repeats = atoi(argv[3]);
    const char *pattern = argv[4], *exact = argv[5];
    int hosts = argc - 6;
    job_t *jobs = calloc(hosts, sizeof *jobs);
    for (int h = 0; h < hosts; h++) { jobs[h].conn = open_or_die(argv[6 + h]); jobs[h].bulk = bulk; }
    double *all = calloc(repeats, sizeof *all), *wild = calloc(repeats, sizeof *wild), *one = calloc(repeats, sizeof *one);
    int vms = 0, found = 0;
    for (int r = -1; r < repeats; r++) { /* r = -1: warm-up */
        for (int h = 0; h < hosts; h++) { jobs[h].pattern = NULL; jobs[h].exact = NULL; }
        double a = run_hosts(jobs, hosts);
        vms = 0;
        for (int h = 0; h < hosts; h++) vms += jobs[h].vms;
        for (int h = 0; h < hosts; h++) jobs[h].pattern = pattern;
        double w = run_hosts(jobs, hosts);
        found = 0;
        for (int h = 0; h < hosts; h++) found += jobs[h].matches;
        for (int h = 0; h < hosts; h++) { jobs[h].pattern = NULL; jobs[h].exact = exact; }
        double e = run_hosts(jobs, hosts);
        if (r >= 0) { all[r] = a; wild[r] = w; one[r] = e; }
    }
    printf("shape=%s all_ms=%.3f wild_ms=%.3f exact_ms=%.4f vms=%d matches=%d\n", argv[2],
           median(all, repeats), median(wild, repeats), median(one, repeats), vms, found);
    for (int h = 0; h < hosts; h++) virConnectClose(jobs[h].conn);
    return 0;
}

/* serve SHAPE PATTERN EXACT URI...: the getvm calls on request, so that a caller can interleave them with its own
 * runs (on a busy machine, figure and reference then see the same load). Prints "ready" once the connections are
 * open and warm; then for each line read: "all" or "wild" -> one run; "exact N" -> N exact runs, the mean;
 * each answered by "ms=<wall> vms=<n> matches=<n>". Ends at end of input. */
static int cmd_serve(int argc, char **argv) {
    if (argc < 6) return 2;
    /* hybrid-evloop: the same calls as hybrid, with what VIToolkit runs beside them: libvirt's default event loop on a
     * thread of its own (registered before the connections open) and keepalive on every connection (5 s, 3 misses). */
    int evloop = !strcmp(argv[2], "hybrid-evloop");
    int bulk = !strcmp(argv[2], "bulk") ? 1 : !strcmp(argv[2], "hybrid") || evloop ? 2 : 0;
    const char *pattern = argv[3], *exact = argv[4];
    int hosts = argc - 5;
    if (evloop) {
        virEventRegisterDefaultImpl();
        pthread_t loop;
        pthread_create(&loop, NULL, run_event_loop, NULL);
    }
    job_t *jobs = calloc(hosts, sizeof *jobs);
    for (int h = 0; h < hosts; h++) {
        jobs[h].conn = open_or_die(argv[5 + h]);
        jobs[h].bulk = bulk;
        if (evloop) virConnectSetKeepAlive(jobs[h].conn, 5, 3);
    }
    run_hosts(jobs, hosts); /* warm-up */
    printf("ready\n");
    fflush(stdout);
    char line[256];
    while (fgets(line, sizeof line, stdin)) {
        int calls = 1;
        for (int h = 0; h < hosts; h++) { jobs[h].pattern = NULL; jobs[h].exact = NULL; }
        if (!strncmp(line, "wild", 4)) {
            for (int h = 0; h < hosts; h++) jobs[h].pattern = pattern;
        } else if (!strncmp(line, "exact", 5)) {
            calls = atoi(line + 5) > 0 ? atoi(line + 5) : 1;
            for (int h = 0; h < hosts; h++) jobs[h].exact = exact;
        } else if (strncmp(line, "all", 3)) {
            printf("error=unknown-command\n");
            fflush(stdout);
            continue;
        }
        double ms = 0;
        for (int i = 0; i < calls; i++) ms += run_hosts(jobs, hosts);
        int vms = 0, found = 0;
        for (int h = 0; h < hosts; h++) { vms += jobs[h].vms; found += jobs[h].matches; }
        printf("ms=%.4f vms=%d matches=%d\n", ms / calls, vms, found);
        fflush(stdout);
    }
    for (int h = 0; h < hosts; h++) virConnectClose(jobs[h].conn);
    free(jobs);
    return 0;
}

/* ---- setup ---------------------------------------------------------------------------------------------------- */

typedef struct { virConnectPtr conn; const char *file; int n, ok; } define_t;

/* Defines every line of the thread's file (one domain XML document per line). */
static void *define_host(void *arg) {
    define_t *d = arg;
    FILE *f = fopen(d->file, "r");
    if (!f) { fprintf(stderr, "cannot read %s\n", d->file); return NULL; }
    char *line = NULL;
    size_t len = 0;
    ssize_t got;
    while ((got = getline(&line, &len, f)) > 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = 0;
        if (!got) continue;
        d->n++;
        virDomainPtr dom = virDomainDefineXML(d->conn, line);
        if (dom) { d->ok++; virDomainFree(dom); }
        else fprintf(stderr, "define failed: %s\n", virGetLastErrorMessage());
    }
    free(line);
    fclose(f);
    return NULL;
}

/* define FILE URI [FILE URI]...: one thread per host. */
static int cmd_define(int argc, char **argv) {
    int hosts = (argc - 2) / 2;
    if (hosts < 1 || (argc - 2) % 2) return 2;
    define_t *d = calloc(hosts, sizeof *d);
    pthread_t *t = calloc(hosts, sizeof *t);
    for (int h = 0; h < hosts; h++) { d[h].file = argv[2 + 2 * h]; d[h].conn = open_or_die(argv[3 + 2 * h]); }
    double t0 = now_ms();
    for (int h = 0; h < hosts; h++) pthread_create(&t[h], NULL, define_host, &d[h]);
    int ok = 1, fewest = -1;
    for (int h = 0; h < hosts; h++) {
        pthread_join(t[h], NULL);
        ok &= d[h].n > 0 && d[h].ok == d[h].n;
        if (fewest < 0 || d[h].ok < fewest) fewest = d[h].ok;
    }
    printf("defined=%d ms=%.1f\n", ok ? fewest : -1, now_ms() - t0);
    for (int h = 0; h < hosts; h++) virConnectClose(d[h].conn);
    free(d); free(t);
    return ok ? 0 : 1;
}

typedef struct { virConnectPtr conn; char **names; int n, step, first, ok; } start_t;

static void *start_some(void *arg) {
    start_t *s = arg;
    for (int i = s->first; i < s->n; i += s->step) {
        virDomainPtr d = virDomainLookupByName(s->conn, s->names[i]);
        if (d && virDomainCreate(d) == 0) s->ok++;
        else fprintf(stderr, "start %s failed: %s\n", s->names[i], virGetLastErrorMessage());
        if (d) virDomainFree(d);
    }
    return NULL;
}

/* start THREADS URI NAME...: the threads share one connection and take every THREADS-th name. */
static int cmd_start(int argc, char **argv) {
    if (argc < 5) return 2;
    int threads = atoi(argv[2]), n = argc - 4, ok = 0;
    if (threads < 1) threads = 1;
    virConnectPtr c = open_or_die(argv[3]);
    start_t *s = calloc(threads, sizeof *s);
    pthread_t *t = calloc(threads, sizeof *t);
    double t0 = now_ms();
    for (int i = 0; i < threads; i++) {
        s[i] = (start_t){ c, argv + 4, n, threads, i, 0 };
        pthread_create(&t[i], NULL, start_some, &s[i]);
    }
    for (int i = 0; i < threads; i++) { pthread_join(t[i], NULL); ok += s[i].ok; }
    printf("started=%d ms=%.1f\n", ok, now_ms() - t0);
    free(s); free(t);
    virConnectClose(c);
    return ok == n ? 0 : 1;
}

/* ---- facts ---------------------------------------------------------------------------------------------------- */

static int cmd_stats(int argc, char **argv) {
    if (argc < 4) return 2;
    virConnectPtr c = open_or_die(argv[2]);
    int n = argc - 3;
    virDomainPtr *doms = calloc(n + 1, sizeof *doms);
    for (int i = 0; i < n; i++) {
        doms[i] = virDomainLookupByName(c, argv[3 + i]);
        if (!doms[i]) { fprintf(stderr, "no domain %s\n", argv[3 + i]); return 1; }
    }
    virDomainStatsRecordPtr *records = NULL;
    int nr = virDomainListGetStats(doms, VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_BALLOON | VIR_DOMAIN_STATS_VCPU, &records, 0);
    if (nr < 0) { fprintf(stderr, "virDomainListGetStats: %s\n", virGetLastErrorMessage()); return 1; }
    static const char *types[] = { "?", "int", "uint", "llong", "ullong", "double", "boolean", "string" };
    for (int i = 0; i < nr; i++) {
        printf("stats %s", virDomainGetName(records[i]->dom));
        for (int p = 0; p < records[i]->nparams; p++) {
            virTypedParameterPtr t = &records[i]->params[p];
            printf(" %s:%s=", t->field, t->type >= 1 && t->type <= 7 ? types[t->type] : "?");
            switch (t->type) {
            case VIR_TYPED_PARAM_INT: printf("%d", t->value.i); break;
            case VIR_TYPED_PARAM_UINT: printf("%u", t->value.ui); break;
            case VIR_TYPED_PARAM_LLONG: printf("%lld", t->value.l); break;
            case VIR_TYPED_PARAM_ULLONG: printf("%llu", t->value.ul); break;
            case VIR_TYPED_PARAM_DOUBLE: printf("%g", t->value.d); break;
            case VIR_TYPED_PARAM_BOOLEAN: printf("%d", t->value.b); break;
            case VIR_TYPED_PARAM_STRING: printf("%s", t->value.s); break;
            }
        }
        printf("\n");
    }
    virDomainStatsRecordListFree(records);
    for (int i = 0; i < n; i++) virDomainFree(doms[i]);
    free(doms);
    virConnectClose(c);
    return 0;
}

/* statscost REPEATS URI: the host's running domains and as many inactive ones, timed as one
 * virDomainListGetStats(STATE|BALLOON|VCPU) (flags 0 and NOWAIT), one ListGetStats(STATE), and one GetInfo each. */
static int cmd_statscost(int argc, char **argv) {
    if (argc < 4) return 2;
    int repeats = atoi(argv[2]);
    virConnectPtr c = open_or_die(argv[3]);
    virDomainPtr *all = NULL;
    int n = virConnectListAllDomains(c, &all, 0), na = 0, ni = 0;
    if (n < 0) return 1;
    virDomainPtr *act = calloc(n + 1, sizeof *act), *ina = calloc(n + 1, sizeof *ina);
    for (int i = 0; i < n; i++) if (virDomainGetID(all[i]) != (unsigned int)-1) act[na++] = all[i];
    for (int i = 0; i < n && ni < na; i++) if (virDomainGetID(all[i]) == (unsigned int)-1) ina[ni++] = all[i];
    if (!na) { fprintf(stderr, "no running domain\n"); return 1; }
    enum { FULL, NOWAIT, STATE, INFO, K };
    double *runs[2][K];
    for (int set = 0; set < 2; set++) for (int k = 0; k < K; k++) runs[set][k] = calloc(repeats, sizeof(double));
    for (int r = -1; r < repeats; r++) {
        for (int set = 0; set < 2; set++) {
            virDomainPtr *doms = set ? ina : act;
            int count = set ? ni : na;
            for (int k = 0; k < K; k++) {
                double t0 = now_ms();
                if (k == INFO) {
                    for (int i = 0; i < count; i++) { virDomainInfo info; virDomainGetInfo(doms[i], &info); sink += info.memory; }
                } else {
                    virDomainStatsRecordPtr *records = NULL;
                    unsigned int groups = k == STATE ? VIR_DOMAIN_STATS_STATE : VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_BALLOON | VIR_DOMAIN_STATS_VCPU;
                    int nr = virDomainListGetStats(doms, groups, &records, k == NOWAIT ? VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT : 0);
                    if (nr >= 0) virDomainStatsRecordListFree(records);
                }
                if (r >= 0) runs[set][k][r] = now_ms() - t0;
            }
        }
    }
    printf("domains=%d", na);
    static const char *key[K] = { "stats", "stats_nowait", "stats_state", "getinfo" };
    for (int set = 0; set < 2; set++)
        for (int k = 0; k < K; k++) printf(" %s_%s_ms=%.3f", set ? "inactive" : "running", key[k], median(runs[set][k], repeats));
    printf("\n");
    free_list(all, n);
    free(act); free(ina);
    virConnectClose(c);
    return 0;
}

typedef struct { virConnectPtr conn; const char *uri; const char *dom; int calls, kind; double ms; } rtt_t;

static void *rtt_thread(void *arg) {
    rtt_t *r = arg;
    virConnectPtr c = r->conn ? r->conn : open_or_die(r->uri);
    virDomainPtr d = r->kind ? virDomainLookupByName(c, r->dom) : NULL;
    double t0 = now_ms();
    for (int i = 0; i < r->calls; i++) {
        if (r->kind) { virDomainInfo info; virDomainGetInfo(d, &info); sink += info.memory; }
        else { unsigned long v; virConnectGetLibVersion(c, &v); sink += v; }
    }
    r->ms = now_ms() - t0;
    if (d) virDomainFree(d);
    if (!r->conn) virConnectClose(c);
    return NULL;
}

/* threads x calls on one shared connection (shared != NULL) or one connection each; returns wall ms. */
static double rtt_run(virConnectPtr shared, const char *uri, const char *dom, int threads, int calls, int kind) {
    rtt_t *r = calloc(threads, sizeof *r);
    pthread_t *t = calloc(threads, sizeof *t);
    virConnectPtr *own = calloc(threads, sizeof *own);
    for (int i = 0; i < threads; i++) {
        r[i] = (rtt_t){ shared ? shared : (own[i] = open_or_die(uri)), uri, dom, calls, kind, 0 };
    }
    double t0 = now_ms();
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, rtt_thread, &r[i]);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    double ms = now_ms() - t0;
    for (int i = 0; i < threads; i++) if (own[i]) virConnectClose(own[i]);
    free(r); free(t); free(own);
    return ms;
}

static int cmd_rtt(int argc, char **argv) {
    if (argc < 6) return 2;
    int repeats = atoi(argv[2]), calls = atoi(argv[3]);
    const char *uri = argv[4], *dom = argv[5];
    virConnectPtr c = open_or_die(uri);
    rtt_run(c, uri, dom, 1, calls / 4, 0); /* warm-up */
    enum { LIB1, INFO1, LIB4, INFO4, LIB8, LIB4OWN, N };
    static const int threads[N] = { 1, 1, 4, 4, 8, 4 }, kind[N] = { 0, 1, 0, 1, 0, 0 }, shared[N] = { 1, 1, 1, 1, 1, 0 };
    double *runs[N], ms[N];
    for (int k = 0; k < N; k++) runs[k] = calloc(repeats, sizeof(double));
    for (int r = 0; r < repeats; r++) /* interleaved, so that drift hits every figure alike */
        for (int k = 0; k < N; k++) runs[k][r] = rtt_run(shared[k] ? c : NULL, uri, dom, threads[k], calls, kind[k]);
    for (int k = 0; k < N; k++) ms[k] = median(runs[k], repeats);
    /* *_us: wall time per call as one thread sees it; *_rate: calls per second over all threads. */
    printf("calls=%d libversion_1t_us=%.1f getinfo_1t_us=%.1f libversion_1t_rate=%.0f"
           " libversion_4t_shared_us=%.1f libversion_4t_shared_rate=%.0f getinfo_4t_shared_us=%.1f getinfo_4t_shared_rate=%.0f"
           " libversion_8t_shared_us=%.1f libversion_8t_shared_rate=%.0f"
           " libversion_4t_ownconn_us=%.1f libversion_4t_ownconn_rate=%.0f\n",
           calls, ms[LIB1] * 1e3 / calls, ms[INFO1] * 1e3 / calls, calls / (ms[LIB1] / 1e3),
           ms[LIB4] * 1e3 / calls, 4.0 * calls / (ms[LIB4] / 1e3), ms[INFO4] * 1e3 / calls, 4.0 * calls / (ms[INFO4] / 1e3),
           ms[LIB8] * 1e3 / calls, 8.0 * calls / (ms[LIB8] / 1e3),
           ms[LIB4OWN] * 1e3 / calls, 4.0 * calls / (ms[LIB4OWN] / 1e3));
    for (int k = 0; k < N; k++) free(runs[k]);
    virConnectClose(c);
    return 0;
}

/* ---- migration check ------------------------------------------------------------------------------------------ */

static const char *guest_arch = "x86_64";

/* The host-model CPU of domain capabilities as a guest CPU definition, or NULL. */
static char *host_model_cpu(const char *caps) {
    const char *m = caps ? strstr(caps, "<mode name='host-model' supported='yes'") : NULL;
    if (!m) return NULL;
    const char *body = strchr(m, '>'), *end = strstr(m, "</mode>");
    if (!body || !end || end < body) return NULL;
    body++;
    size_t n = end - body;
    char *cpu = malloc(n + 64);
    snprintf(cpu, n + 64, "<cpu mode='custom' match='exact'>%.*s</cpu>", (int)n, body);
    return cpu;
}

static void list_networks(virConnectPtr c) {
    virNetworkPtr *nets = NULL;
    int n = virConnectListAllNetworks(c, &nets, 0);
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        virNetworkGetUUIDString(nets[i], uuid);
        sink += virNetworkIsActive(nets[i]) + virNetworkGetName(nets[i])[0];
        char *xml = virNetworkGetXMLDesc(nets[i], 0);
        free(xml);
        virNetworkFree(nets[i]);
    }
    if (n >= 0) free(nets);
}

static void list_pools(virConnectPtr c) {
    virStoragePoolPtr *pools = NULL;
    int n = virConnectListAllStoragePools(c, &pools, 0);
    for (int i = 0; i < n; i++) {
        virStoragePoolInfo info;
        virStoragePoolGetInfo(pools[i], &info);
        char *xml = virStoragePoolGetXMLDesc(pools[i], 0);
        free(xml);
        virStoragePoolFree(pools[i]);
    }
    if (n >= 0) free(pools);
}

static int cmd_migcheck(int argc, char **argv) {
    if (argc < 6) return 2;
    int repeats = atoi(argv[2]);
    virConnectPtr src = open_or_die(argv[3]), dst = open_or_die(argv[4]);
    virDomainPtr d = virDomainLookupByName(src, argv[5]);
    if (!d) { fprintf(stderr, "no domain %s\n", argv[5]); return 1; }
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainGetUUIDString(d, uuid);
    char *virttype = NULL;
    { /* the domain type the guests use (kvm or qemu), as the module reads it from capabilities */
        char *xml = virDomainGetXMLDesc(d, 0);
        virttype = strdup(xml && strstr(xml, "type='kvm'") ? "kvm" : "qemu");
        free(xml);
    }
    double *min = calloc(repeats, sizeof *min), *full = calloc(repeats, sizeof *full), *list = calloc(repeats, sizeof *list);
    int compared = 0;
    for (int r = -1; r < repeats; r++) {
        /* minimal */
        double t0 = now_ms();
        char *xml = virDomainGetXMLDesc(d, 0);
        list_networks(dst);
        list_pools(dst);
        virDomainPtr same = virDomainLookupByUUIDString(dst, uuid);
        if (same) virDomainFree(same);
        free(xml);
        double m = now_ms() - t0;

        /* full */
        t0 = now_ms();
        virDomainPtr again = virDomainLookupByUUIDString(src, uuid);
        if (again) { read_domain(again); virDomainFree(again); }
        xml = virDomainGetXMLDesc(d, 0);
        list_networks(dst);
        list_pools(dst);
        same = virDomainLookupByUUIDString(dst, uuid);
        if (same) virDomainFree(same);
        else if ((same = virDomainLookupByName(dst, argv[5]))) virDomainFree(same);
        list_pools(src);
        unsigned long long freemem = virNodeGetFreeMemory(dst);
        sink += freemem;
        char *scaps = virConnectGetDomainCapabilities(src, NULL, guest_arch, NULL, virttype, 0);
        char *cpu = host_model_cpu(scaps);
        if (cpu) {
            char *dcaps = virConnectGetDomainCapabilities(dst, NULL, guest_arch, NULL, virttype, 0);
            char *dcpu = host_model_cpu(dcaps);
            if (dcpu) {
                int rc = virConnectCompareHypervisorCPU(dst, NULL, guest_arch, NULL, virttype, cpu, VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE);
                compared = rc >= 0 ? 1 : -1;
            }
            free(dcpu);
            free(dcaps);
        }
        free(cpu); free(scaps); free(xml);
        double f = now_ms() - t0;

        /* as the module reads the destination host now: every domain with per-domain calls */
        t0 = now_ms();
        job_t j = { .conn = dst };
        run_perdomain(&j);
        double l = now_ms() - t0;
        if (r >= 0) { min[r] = m; full[r] = f; list[r] = l; }
    }
    printf("min_ms=%.3f full_ms=%.3f dstlist_ms=%.3f cpu_compared=%d virttype=%s\n", median(min, repeats), median(full, repeats),
           median(list, repeats), compared, virttype);
    free(min); free(full); free(list);
    free(virttype);
    virDomainFree(d);
    virConnectClose(src); virConnectClose(dst);
    return 0;
}

int main(int argc, char **argv) {
    virSetErrorFunc(NULL, quiet);
    const char *mode = argc > 1 ? argv[1] : "";
    int rc = 2;
    if (!strcmp(mode, "getvm")) rc = cmd_getvm(argc, argv);
    else if (!strcmp(mode, "serve")) rc = cmd_serve(argc, argv);
    else if (!strcmp(mode, "define")) rc = cmd_define(argc, argv);
    else if (!strcmp(mode, "start")) rc = cmd_start(argc, argv);
    else if (!strcmp(mode, "stats")) rc = cmd_stats(argc, argv);
    else if (!strcmp(mode, "rtt")) rc = cmd_rtt(argc, argv);
    else if (!strcmp(mode, "statscost")) rc = cmd_statscost(argc, argv);
    else if (!strcmp(mode, "migcheck")) rc = cmd_migcheck(argc, argv);
    if (rc == 2)
        fprintf(stderr, "usage: %s getvm perdomain|bulk|hybrid REPEATS PATTERN EXACT URI... | serve SHAPE PATTERN EXACT URI... | define FILE URI [FILE URI]... | "
                        "start THREADS URI NAME... | stats URI NAME... | statscost REPEATS URI | rtt REPEATS CALLS URI DOMAIN | migcheck REPEATS SRC DST NAME\n", argv[0]);
    return rc;
}
